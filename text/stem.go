package text

// Stem returns a light stem of a normalised word: possessive, plural and
// -ed/-ing endings removed, so that "retreat", "retreats" and "retreating"
// share a stem. It is deliberately weaker than a Porter stemmer: an edit
// from "retreat" to "retreated" is a light edit, not a substitution, but
// "general" and "generally" stay different words.
//
// Every word of every text is stemmed, so the rules are tested by the last
// byte first rather than one suffix after another; reference_test.go
// keeps them as first written, and FuzzStemSame compares the two.
func Stem(w string) string {
	n := len(w)
	if n <= 3 {
		return w
	}
	if w[n-1] == 's' && w[n-2] == '\'' {
		w = w[:n-2]
	} else if w[n-1] == '\'' {
		w = w[:n-1]
	}
	n = len(w)
	if n > 3 {
		switch w[n-1] {
		case 's':
			switch {
			case n > 4 && w[n-3:] == "ies":
				w = w[:n-3] + "y"
			case n > 4 && (w[n-4:] == "sses" || w[n-4:] == "ches" || w[n-4:] == "shes" || w[n-3:] == "xes"):
				w = w[:n-2]
			case w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
				w = w[:n-1]
			}
		case 'g':
			if n > 5 && w[n-3:] == "ing" {
				w = undouble(w[:n-3])
			}
		case 'd':
			if n > 4 && w[n-2] == 'e' {
				w = undouble(w[:n-2])
			}
		}
	}
	if n = len(w); n > 3 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

// undouble turns "stopp" into "stop" after an ending is removed.
func undouble(w string) string {
	n := len(w)
	if n > 3 && w[n-1] == w[n-2] {
		switch w[n-1] {
		case 'b', 'd', 'f', 'g', 'm', 'n', 'p', 'r', 't':
			return w[:n-1]
		}
	}
	return w
}
