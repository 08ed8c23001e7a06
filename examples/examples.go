// Package examples bundles the fictional articles the demo and the golden
// tests use: two story families, each an original wire story with its
// verbatim, lightly edited, spun and partial copies, an independent report
// of the same event and an unrelated story. See README.md beside it.
package examples

import "embed"

// FS holds the articles as family/name.txt.
//
//go:embed */*.txt
var FS embed.FS

// Families are the story families in FS.
var Families = []string{"flood", "strike"}

// Variants are the article names of a family other than original.txt, with
// the relation each has to the original.
var Variants = []struct{ Name, Relation string }{
	{"verbatim", "copy"},
	{"light-edit", "copy"},
	{"spun", "spun"},
	{"partial", "partial"},
	{"independent", "related"},
	{"unrelated", "unrelated"},
}
