package provenance

// A site's record: what its articles were in the other families of the
// store. A news agency originates most of the stories it runs with other
// sites; a site that lives off others' journalism takes most of them.
// When a family's own texts and times say little of which member came
// first, the record of the sites speaks, weakly.

// SiteRecord is what one site's articles were in a store's families: how
// many of the families run by another site too it originated, and how
// many of its articles were taken from another site's.
type SiteRecord struct {
	Origins int `json:"origins"`
	Taken   int `json:"taken"`
}

// SiteRecords are the records of a store's sites, by SiteKey.
type SiteRecords map[string]SiteRecord

// Tally adds what f's members were to the records: its origin's site
// originated the family when another site ran it too, and each member
// whose parent is on another site took it. An appearance counts as its
// own member, as in the family.
func (r SiteRecords) Tally(f Family) {
	if f.Origin < 0 {
		return
	}
	origin := SiteKey(f.Members[f.Origin].Site)
	others := false
	for i, m := range f.Members {
		p := f.Parent[i]
		if p < 0 {
			continue
		}
		site := SiteKey(m.Site)
		if site == "" || site == SiteKey(f.Members[p].Site) {
			continue
		}
		others = true
		rec := r[site]
		rec.Taken++
		r[site] = rec
	}
	if others && origin != "" {
		rec := r[origin]
		rec.Origins++
		r[origin] = rec
	}
}

// share is the part of the stories a site ran with others that it
// originated, and how many those were.
func (r SiteRecord) share() (float64, int) {
	n := r.Origins + r.Taken
	if n == 0 {
		return 0, 0
	}
	return float64(r.Origins) / float64(n), n
}

// Add adds the records of o to r.
func (r SiteRecords) Add(o SiteRecords) {
	for site, rec := range o {
		sum := r[site]
		sum.Origins += rec.Origins
		sum.Taken += rec.Taken
		r[site] = sum
	}
}

// BuildWith orders a family as Build does, with each member's site record
// (Member.Record) read from records less own, what this family itself
// added to them when the records were tallied from families ordered
// without them: a family's order is not its own evidence. A nil own is
// found by ordering the family without records first. With no records it
// is Build.
func BuildWith(members []Member, links []Link, records, own SiteRecords) Family {
	if len(records) == 0 {
		return Build(members, links)
	}
	if own == nil {
		own = SiteRecords{}
		own.Tally(Build(members, links))
	}
	ms := make([]Member, len(members))
	copy(ms, members)
	for i := range ms {
		k := SiteKey(ms[i].Site)
		if k == "" {
			continue
		}
		rec, ok := records[k]
		if !ok {
			continue
		}
		o := own[k]
		rec.Origins -= o.Origins
		rec.Taken -= o.Taken
		ms[i].Record = &rec
	}
	return Build(ms, links)
}
