package align

// Immutable reports whether token k of d is a name or a number: a word
// that states a fact, which a spinner keeps and a template changes.
func (d *Doc) Immutable(k int) bool { return d.immutable[k] }
