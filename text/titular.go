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
