package text

// Titular reports whether a word (its Norm) is a title, a company
// designator or the abbreviated title of a place: a word that names hold
// and that names no one in particular ("Ms", "Dr", "Inc", "Corp", "St").
// Two names that share only such a word are two names.
func Titular(norm string) bool { return titular[norm] }

var titular = setOf(
	"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady",
	"rev", "gen", "col", "capt", "sgt", "lt", "gov", "sen", "rep", "jr", "sr",
	"inc", "corp", "co", "ltd", "plc", "llc", "corporation", "company",
	"st", "mt", "ft", // Saint, Mount, Fort: "St Louis" and "St Paul" are two places
)

// Month reports whether a word (its Norm) is the name of a month, whole
// or abbreviated ("march", "sept"); Calendar whether it is a month or a
// day of the week. Capitalised, they are dates, not names of what a text
// is about.
func Month(norm string) bool { return months[norm] }

// Calendar: see Month.
func Calendar(norm string) bool { return months[norm] || weekdays[norm] }

var (
	months = setOf("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"january", "february", "march", "april", "june", "july", "august", "september", "october",
		"november", "december")
	weekdays = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)
