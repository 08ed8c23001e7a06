package text

// IsStopword reports whether a normalised word is an English function word:
// articles, pronouns, auxiliaries, prepositions, conjunctions and the like.
// Spinners replace content words and leave these alone, so the sequence of
// stopwords of a text (its skeleton) survives synonym spinning.
func IsStopword(norm string) bool { return stopwords[norm] }

var stopwords = setOf(
	"a", "an", "the", "this", "that", "these", "those", "some", "any", "all",
	"each", "every", "no", "not", "nor", "both", "either", "neither", "such",
	"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his",
	"she", "her", "it", "its", "they", "them", "their", "who", "whom", "whose",
	"which", "what", "where", "when", "why", "how", "there", "here",
	"is", "am", "are", "was", "were", "be", "been", "being", "have", "has",
	"had", "having", "do", "does", "did", "will", "would", "shall", "should",
	"can", "could", "may", "might", "must",
	"of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto",
	"about", "above", "below", "over", "under", "after", "before", "between",
	"through", "during", "against", "among", "within", "without", "upon",
	"across", "behind", "beyond", "since", "until", "than", "as", "like",
	"and", "or", "but", "if", "so", "because", "while", "although", "though",
	"whether", "then", "also", "only", "just", "very", "too", "more", "most",
	"other", "same", "own", "again", "once", "out", "up", "down", "off",
	"it's", "he's", "she's", "that's", "there's", "don't", "didn't", "won't",
	"can't", "isn't", "wasn't", "weren't", "aren't", "hasn't", "haven't",
)
