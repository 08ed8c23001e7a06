package anatomy

import (
	"slices"
	"strings"
	"testing"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		in                         string
		place, date, agency, whole string // whole "" means no dateline
	}{
		{"KIEV/KHERSON, Ukraine (Reuters) \u2013 Russia rained missiles", "KIEV/KHERSON, Ukraine", "", "Reuters", "KIEV/KHERSON, Ukraine (Reuters) \u2013"},
		{"KYIV, Nov 15 (Reuters) - Air raid sirens", "KYIV", "Nov 15", "Reuters", "KYIV, Nov 15 (Reuters) -"},
		{"WASHINGTON (AP) \u2014 The Senate voted", "WASHINGTON", "", "AP", "WASHINGTON (AP) \u2014"},
		{"PARIS, Nov 15 (AFP) - Strikers marched", "PARIS", "Nov 15", "AFP", "PARIS, Nov 15 (AFP) -"},
		{"Paris (AFP) - Strikers marched", "Paris", "", "AFP", "Paris (AFP) -"},
		{"LONDON, PA - Ministers met", "LONDON", "", "PA", "LONDON, PA -"},
		// Pennsylvania, not the Press Association.
		{"PITTSBURGH, PA - The mill will close", "PITTSBURGH, PA", "", "", "PITTSBURGH, PA -"},
		{"STATE COLLEGE, PA (AP) - The mill will close", "STATE COLLEGE, PA", "", "AP", "STATE COLLEGE, PA (AP) -"},
		{"(Bloomberg) -- Shares rose", "", "", "Bloomberg", "(Bloomberg) --"},
		{"NEW YORK, March 3, 2026 /PRNewswire/ -- Acme Inc. today", "NEW YORK", "March 3, 2026", "PRNewswire", "NEW YORK, March 3, 2026 /PRNewswire/ --"},
		{"SAN FRANCISCO--(BUSINESS WIRE)--Acme Inc. today", "SAN FRANCISCO", "", "BUSINESS WIRE", "SAN FRANCISCO--(BUSINESS WIRE)--"},
		{"AUSTIN, Texas--(BUSINESS WIRE)--Acme Inc. today", "AUSTIN, Texas", "", "BUSINESS WIRE", "AUSTIN, Texas--(BUSINESS WIRE)--"},
		{"HALVERTON, Ore. (AP) \u2014 A fire", "HALVERTON, Ore.", "", "AP", "HALVERTON, Ore. (AP) \u2014"},
		{"RIVERTON, March 3 (Meridian Wire) - The Callow River", "RIVERTON", "March 3", "Meridian Wire", "RIVERTON, March 3 (Meridian Wire) -"},
		{"GENEVA, 15 November 2022 (Reuters) - Talks", "GENEVA", "15 November 2022", "Reuters", "GENEVA, 15 November 2022 (Reuters) -"},
		{"COBB'S FERRY - Volunteers searched", "COBB'S FERRY", "", "", "COBB'S FERRY -"},
		{"HARWICK - Lowmere's governor", "HARWICK", "", "", "HARWICK -"},
		{"HARWICK - \"We will rebuild,\" the mayor said", "HARWICK", "", "", "HARWICK -"},
		{"HARWICK, May 4 - 12 boats were lost", "HARWICK", "May 4", "", "HARWICK, May 4 -"},
		// Not datelines.
		{"NO DISCOUNT", "", "", "", ""},
		{"Today - the day after", "", "", "", ""},
		{"RELATED: Keswold harbor board approves night shifts", "", "", "", ""},
		{"By Tuesday, officials said", "", "", "", ""},
		{"The mayor (a former judge) - said", "", "", "", ""},
		{"KYIV, Ukraine", "", "", "", ""},
		// Labels, takes and companies, not places or agencies.
		{"NOTE - Full name of the company is Harwick Shipping Lines Inc.", "", "", "", ""},
		// Labels before rows of a table, which open no sentence.
		{"BARLEY FEED GRADE - 320 tonnes cash 141.50 forward nil", "", "", "", ""},
		{"EWES - steady/down 1.50 dlrs, top 38.00 dlrs", "", "", "", ""},
		{"TIN - total 4,120 off 230", "", "", "", ""},
		{"(Continued) - The port authority bought two tugs for delivery in May.", "", "", "", ""},
		{"Tidewater Marine Holdings Corp (TMH) - Offering of 50 mln dlrs of notes.", "", "", "", ""},
		{"", "", "", "", ""},
	}
	for _, tt := range tests {
		d, ok := parseDateline(tt.in)
		if tt.whole == "" {
			if ok {
				t.Errorf("parseDateline(%q) = %q, want none", tt.in, tt.in[:d.hi])
			}
			continue
		}
		if !ok {
			t.Errorf("parseDateline(%q): none, want %q", tt.in, tt.whole)
			continue
		}
		part := func(r rng) string { return tt.in[r.lo:r.hi] }
		if got := tt.in[:d.hi]; got != tt.whole || part(d.place) != tt.place || part(d.date) != tt.date || part(d.agency) != tt.agency {
			t.Errorf("parseDateline(%q) = %q place %q date %q agency %q, want %q place %q date %q agency %q",
				tt.in, got, part(d.place), part(d.date), part(d.agency), tt.whole, tt.place, tt.date, tt.agency)
		}
	}
}

func TestParsePhotoCredit(t *testing.T) {
	tests := []struct {
		in, credit, agency, photographer string
	}{
		{"A view of the port, November 14, 2022. REUTERS/Jane Roe", "REUTERS/Jane Roe", "REUTERS", "Jane Roe"},
		{"A view of the port. REUTERS/Jane Roe/File Photo", "REUTERS/Jane Roe", "REUTERS", "Jane Roe"},
		{"Sandbags in Riverton, March 2, 2026. MERIDIAN WIRE/Ines Darrow", "MERIDIAN WIRE/Ines Darrow", "MERIDIAN WIRE", "Ines Darrow"},
		{"Pickets at Gate 4. (Photo: Harbor Press Agency/Luca Ferrand)", "(Photo: Harbor Press Agency/Luca Ferrand)", "Harbor Press Agency", "Luca Ferrand"},
		{"Firefighters on a ridge. (AP Photo/Ruben Salas)", "(AP Photo/Ruben Salas)", "AP", "Ruben Salas"},
		{"An empty platform. Photo: Elise Varin / AFP", "Photo: Elise Varin / AFP", "AFP", "Elise Varin"},
		{"Leaders meet. Photo: Elise Varin/AFP via Getty Images", "Photo: Elise Varin/AFP via Getty Images", "AFP", "Elise Varin"},
		{"A tanker at anchor. Photographer: Ilka Fenn/Bloomberg", "Photographer: Ilka Fenn/Bloomberg", "Bloomberg", "Ilka Fenn"},
		{"The damaged sea wall (Owen Tarry/PA)", "(Owen Tarry/PA)", "PA", "Owen Tarry"},
		{"A crowd gathers outside the court. Getty Images", "Getty Images", "Getty Images", ""},
		{"Protesters in the square. EPA-EFE/JANE ROE", "EPA-EFE/JANE ROE", "EPA-EFE", "JANE ROE"},
		// Not credits.
		{"The plant runs 24/7 and employs 400 people.", "", "", ""},
		{"Residents said the EU/NATO talks mattered.", "", "", ""},
		{"Prices rose and/or fell", "", "", ""},
		{"NON-DEL GRADES/UNGRADED 3903 4291 802", "", "", ""}, // a row of a table
		// Names of two parts ending a sentence.
		{"Kodak and the chemicals maker formed a venture called WGM/Eastman Inc.", "", "", ""},
		{"The notes are rated AAA/AA.", "", "", ""},
		{"said Richard Reid, economist at brokers UBS/Philips and Drew", "", "", ""},
	}
	for _, tt := range tests {
		pc, ok := parsePhotoCredit(tt.in)
		if tt.credit == "" {
			if ok {
				t.Errorf("parsePhotoCredit(%q) = %q, want none", tt.in, tt.in[pc.lo:pc.hi])
			}
			continue
		}
		if !ok {
			t.Errorf("parsePhotoCredit(%q): none, want %q", tt.in, tt.credit)
			continue
		}
		got := tt.in[pc.lo:pc.hi]
		ag := tt.in[pc.agencyLo:pc.agencyHi]
		ph := tt.in[pc.photographerLo:pc.photographerHi]
		if got != tt.credit || ag != tt.agency || ph != tt.photographer {
			t.Errorf("parsePhotoCredit(%q) = %q agency %q photographer %q, want %q %q %q", tt.in, got, ag, ph, tt.credit, tt.agency, tt.photographer)
		}
	}
}

func TestParseCopyright(t *testing.T) {
	tests := []struct{ in, whole, holder string }{
		{"\u00a9Health & Fitness Journal. A view shows", "\u00a9Health & Fitness Journal.", "Health & Fitness Journal"},
		{"\u00a9 2026 Daily Wellness Digest. All rights reserved.", "\u00a9 2026 Daily Wellness Digest. All rights reserved.", "Daily Wellness Digest"},
		{"\u00a9 2026 CoinCrest Daily | Money news you can trust", "\u00a9 2026 CoinCrest Daily", "CoinCrest Daily"},
		{"Copyright 2026 Valley Courier. All rights reserved.", "Copyright 2026 Valley Courier. All rights reserved.", "Valley Courier"},
		{"Copyright 2026 The Cobb's Ferry Clarion", "Copyright 2026 The Cobb's Ferry Clarion", "The Cobb's Ferry Clarion"},
		{"Copyright Thomson Reuters 2026", "Copyright Thomson Reuters 2026", "Thomson Reuters"},
		{"\u00a92025 Bloomberg L.P.", "\u00a92025 Bloomberg L.P.", "Bloomberg L.P"},
		{"(c) 2024 Acme Inc. All rights reserved", "(c) 2024 Acme Inc. All rights reserved", "Acme Inc"},
		// Not notices.
		{"The copyright dispute went to court.", "", ""},
		{"(C) - Sales made on exporters' own account.", "", ""},
		{"Copyright law is changing", "", ""},
	}
	for _, tt := range tests {
		c, ok := parseCopyright(tt.in)
		if tt.whole == "" {
			if ok {
				t.Errorf("parseCopyright(%q) = %q, want none", tt.in, tt.in[c.lo:c.hi])
			}
			continue
		}
		if !ok || tt.in[c.lo:c.hi] != tt.whole || tt.in[c.holderLo:c.holderHi] != tt.holder {
			t.Errorf("parseCopyright(%q) = %v %q holder %q, want %q %q", tt.in, ok, tt.in[c.lo:c.hi], tt.in[c.holderLo:c.holderHi], tt.whole, tt.holder)
		}
	}
}

// quoteCase is a text and, for each quote in it, "speaker" or "speaker
// (name)", "-" for none, and a trailing " open" for a quote never closed.
type quoteCase struct {
	name string
	in   string
	want []string
}

func TestQuotesAndSpeakers(t *testing.T) {
	tests := []quoteCase{
		{"speaker after", `"We will rebuild the wall," she said.`, []string{"she"}},
		{"said name", `"We will rebuild the wall," said Jane Roe, a spokeswoman for the council.`, []string{"Jane Roe"}},
		{"name said", `"We will rebuild the wall," council leader Margot Fell told reporters.`, []string{"Margot Fell"}},
		{"name with appositive", `"We will rebuild the wall," Jane Roe, an engineer with the council, told reporters.`, []string{"Jane Roe"}},
		{"title after verb", `"We will rebuild the wall," said retail analyst Nick Bray of Halden Securities.`, []string{"Nick Bray"}},
		{"colon before", `Council leader Margot Fell said: "We will rebuild the wall and make it last."`, []string{"Margot Fell"}},
		{"appositive before", `Jane Roe, 71, a retired teacher from Eastbank, said she left. "I heard the water before I saw it," she said.`, []string{"she (Jane Roe)"}},
		{"pronoun resolved", "Natasha Roe, a spokeswoman for the army, said the troops had moved.\n\u201cThere is some activity on the left bank of the river,\u201d she said.", []string{"she (Natasha Roe)"}},
		{"same paragraph continues", `"Some people waited too long," she said. "We understand that nobody wants to leave."`, []string{"she", "she"}},
		{"next paragraph continues", "\u201cWe will not allow this to go on,\u201d he said in an address.\n\u201cI am convinced that now is the time.\u201d", []string{"he", "he"}},
		{"determiner phrase", `Diplomats circulated a 16-page draft that said: "Most members have strongly condemned the war."`, []string{"a 16-page draft"}},
		{"clause after comma", `In Port Aster, the city administration said on Tuesday that staff had left "and been moved to safer areas in the region."`, []string{"the city administration"}},
		{"according to", `"The river will crest on Wednesday evening," according to the water board.`, []string{"the water board"}},
		{"no speaker", "The gauge reached 7.42 metres.\n\n\"The ground is saturated and every millimetre ends up in the river.\"", []string{"-"}},
		{"never closed", "Tuesday's strikes follow a pattern.\n\u201cRussia responds to the speech with a new strike. He wants obedience.\nEMPTY ROAD", []string{"- open"}},
		{"phrase needs no speaker", `Analysts said it was a so-called "operational pause" after days of gains.`, []string{"Analysts"}},
		{"single quotes", "\u2018We will fight on,\u2019 he said. The workers\u2019 union agreed.", []string{"he"}},
		{"hyphenated given name", `"We need a second plant by spring," chairman Park Ji-hoon said in a statement.`, []string{"Park Ji-hoon"}},
		{"hyphenated word is no name", `"Prices will fall," a Halden-based trader said.`, []string{"a Halden-based trader"}},
		{"name spelt like a modal", `The band will tour in the spring. Lena May said: "We are ready to play again."`, []string{"Lena May"}},
		{"opening conjunction is no name", `The plan was shelved. But he said: "We will bring it back next year."`, []string{"he"}},
		{"possessive name", `Mayor Tom Hale's press secretary said: "The bridge will reopen on Monday."`, []string{"Mayor Tom Hale's press secretary"}},
		{"pronoun ends a long clause", `When the committee met on Tuesday to discuss the collapsed harbour wall and the bill for it he said: "Nobody saw this coming."`, []string{"he"}},
		{"double quote as an apostrophe", `Frost cut the country"s output by a third. "It is over," one trader said.`, []string{"one trader"}},
		{"'n' for and", "The chain sold its Fast 'N Fresh shops and its rock 'n' roll bars on Monday.", nil},
		{"name of an organisation", `"Asset mix is a concept for larger funds," Kenji Hayashi of Harwick Life said.`, []string{"Kenji Hayashi of Harwick Life"}},
		{"role at an organisation", `"There is no reason for delay," one official at a U.S. bank said. The banks waited.`, []string{"one official at a U.S. bank"}},
		{"a title's abbreviation", `"Tax dollars are being used," Sen. Ada Fenwick, a Lowmere Republican, said in a letter.`, []string{"Ada Fenwick"}},
		{"participle after the subject's clause", `The senior banker was strongly opposed to a regional plan, saying: "There must be one committee."`, []string{"The senior banker"}},
		{"participle after the speaker's own verb", `Halloran also said the policy was right, adding, "It looks like they are on track."`, []string{"Halloran"}},
		{"an opening word set off is no subject", `However, board member Marvin Dunmore differed, saying "it is too early to talk about the cost."`, []string{"Marvin Dunmore"}},
		{"quoted as saying", `The Kestrel Daily quoted Sumiko Hara as saying in an interview "It is a very feasible idea."`, []string{"Sumiko Hara"}},
		{"a company's name with and", `"The big number is the debt," analyst Jack Kirwan of Hollis Peabody and Co told reporters.`, []string{"Jack Kirwan of Hollis Peabody and Co"}},
		{"a relative clause describes the speaker", `"We plan to export more cars," an official from Daeho Motor Co Ltd, who requested anonymity, told reporters.`, []string{"an official from Daeho Motor Co Ltd"}},
		{"a title before a name of an organisation", `"The problem is a placebo effect," panel member Paul Bergman of the University of Lowmere told the meeting.`, []string{"Paul Bergman of the University of Lowmere"}},
		{"a place is no verb", `Spokesman Ferris said "we don't want a trade war," but the sanctions showed the United States would act.`, []string{"Spokesman Ferris"}},
		{"said that opens what was said", `The minister also said that lending would be "rightly perceived as a bailout."`, []string{"The minister"}},
		{"a term in a sentence looks seven words on", `The ring, the "Harbour Connection" of heroin dealers in the port, was broken, officials at the commission said.`, []string{"-"}},
		{"a phrase in single marks ending in s", "He was freed until 'staggering advances' in genetic fingerprinting. The 'cash for questions' trial went on.", []string{"-", "-"}},
		{"a plural's apostrophe inside a quote", "'The workers' union will strike on Monday,' he said.", []string{"he"}},
		{"a quote paragraph after its sayer's", "Committee chairman Jon Denholm said drink was no excuse.\n\n\"The committee believes these arguments should be rejected.\"", []string{"Jon Denholm"}},
		{"a headline names no sayer", "Housing plans criticised by MPs\n\n\"Irreversible environmental damage\" will be caused by government plans to build homes in the south east, a committee of MPs has warned.\n\nThe report said more.", []string{"-"}},
		{"a participle after a speech verb", "Mr Blair has failed to tackle these problems, he claimed, saying he has the \"wrong solution\" to them.", []string{"he"}},
		{"an adverb before the verb", "In his book, he had clearly stated it. \"Where I differed was in the details.\"", []string{"he"}},
		{"a verb after but shares the subject", "He ruled the pair were not guilty, but added: \"The penalty does not represent the tragedy.\"", []string{"He"}},
		{"a verb of agreeing", "\"You don't get the chance very often,\" agreed Cram.", []string{"Cram"}},
		{"an opening conjunction is not in the name", `The film was a hit. But Mira Nair said: "It was a self-fulfilling prophecy."`, []string{"Mira Nair"}},
		{"an opening participle is no subject", `Speaking at the dinner, the home secretary outlined his plans, saying: "We will act."`, []string{"the home secretary"}},
		{"a quote after a colon with no speech verb", `Jim Oakes of Marlow Bank was not so sure, however: "The dollar has not yet bottomed out."`, []string{"Jim Oakes of Marlow Bank"}},
		{"a colon after a common word opening the sentence", `Earlier this case was about crops: "It is not about whether the crops are good."`, []string{"-"}},
		{"a colon after a body's sentence names no speaker", `The figures for March were these: "a rise of 3 pct" in orders.`, []string{"-"}},
		{"said one", `U.S. officials see signs of improvement. "I'd be stunned if we did not gain soon," said one.`, []string{"one"}},
		{"a pronoun is a person's, not a body's", "The government has told the union to talk. Minister Ana Demir issued the warning. \"Both sides must return,\" she said.", []string{"she"}},
		{"a pronoun's sayer is not whom they told", "Grain sales rose, Amstutz told Reuters.\n\"There is a difference,\" he said.", []string{"he (Amstutz)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Parse(tt.in)
			var got []string
			for _, q := range a.Quotes {
				s := "-"
				if q.Speaker != nil {
					s = q.Speaker.Text
					if q.Speaker.Name != "" && q.Speaker.Name != q.Speaker.Text {
						s += " (" + q.Speaker.Name + ")"
					}
				}
				if !q.Closed && !q.Continued {
					s += " open"
				}
				got = append(got, s)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("speakers %q, want %q", got, tt.want)
			}
			checkSpans(t, a)
		})
	}
}

func TestQuoteKinds(t *testing.T) {
	a := Parse(`The minister called the strike "irresponsible" and said the reform would hurt the "competitiveness of the airlines". Then she said: "the door is open to talks". The council published its "Plan for the Harbour Districts 2030" on Monday.`)
	var kinds []string
	for _, q := range a.Quotes {
		kinds = append(kinds, q.Kind)
	}
	if want := []string{Phrase, Phrase, Direct, Phrase}; strings.Join(kinds, " ") != strings.Join(want, " ") {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
}

// checkSpans verifies that every span of a names the bytes it says it does.
func checkSpans(t *testing.T, a *Anatomy) {
	t.Helper()
	s := a.Text()
	check := func(what string, sp *Span) {
		if sp == nil {
			return
		}
		if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End || s[sp.Start:sp.End] != sp.Text {
			t.Errorf("%s span [%d:%d] %q does not match the text", what, sp.Start, sp.End, sp.Text)
		}
	}
	check("headline", a.Headline)
	if b := a.Byline; b != nil {
		check("byline", &b.Span)
		for i := range b.Names {
			check("byline name", &b.Names[i])
		}
		check("byline organisation", b.Organisation)
		check("byline role", b.Role)
	}
	if d := a.Dateline; d != nil {
		check("dateline", &d.Span)
		check("dateline place", d.Place)
		check("dateline date", d.Date)
		check("dateline agency", d.Agency)
	}
	for _, p := range a.Photos {
		check("caption", p.Caption)
		check("photo credit", &p.Credit)
		check("photo agency", p.Agency)
		check("photographer", p.Photographer)
	}
	for _, c := range a.Copyrights {
		check("copyright", &c.Span)
		check("copyright holder", &c.Holder)
	}
	for i := range a.Subheads {
		check("subhead", &a.Subheads[i])
	}
	for i := range a.Republished {
		check("republished", &a.Republished[i])
	}
	for _, q := range a.Quotes {
		check("quote", &q.Span)
		check("quote inner", &q.Inner)
		if q.Speaker != nil {
			check("speaker", &q.Speaker.Span)
		}
	}
	for _, c := range a.Credits {
		check("credit", &c.Span)
	}
}

func TestParseWithMetadata(t *testing.T) {
	s := "Fires reach Tiriv\n\nMara Kestel\n\nTIRIV (Reuters) - Fires spread into the suburbs on Friday, officials said.\n"
	if a := Parse(s); a.Byline != nil {
		t.Errorf("plain parse found byline %q in a bare name line", a.Byline.Text)
	}
	a := ParseWith(s, Metadata{Title: "Fires reach Tiriv | Example News", Byline: "Mara Kestel"})
	checkSpans(t, a)
	if a.Byline == nil || len(a.Byline.Names) != 1 || a.Byline.Names[0].Text != "Mara Kestel" {
		t.Fatalf("byline %+v, want the metadata's Mara Kestel found in the text", a.Byline)
	}
	if a.Metadata == nil || a.Metadata.Title != "Fires reach Tiriv | Example News" {
		t.Errorf("metadata %+v", a.Metadata)
	}
	if len(a.Credits) != 1 || a.Credits[0].Role != RoleDateline {
		t.Errorf("credits %+v, want the dateline's only", a.Credits)
	}
}

// A news outlet the text names as its reporter is a credit of the article,
// and only then: a government agency, a weekday or a bank is not.
func TestReporterCredits(t *testing.T) {
	tests := []struct {
		in   string
		want []string // the credits' text, in order
	}{
		{"Flames rose. Tidewater News journalists who reached the scene saw residents.", []string{"Tidewater News"}},
		{"The mayor told Reuters on Tuesday that one person had died.", []string{"Reuters"}},
		{"Two people died, AFP reported.", []string{"AFP"}},
		{"The toll rose to nine, according to The Associated Press.", []string{"Associated Press"}},
		{"A ledger seen by Reuters showed the payments. Reuters could not independently verify the figures.", []string{"Reuters", "Reuters"}},
		{"She said in an interview with the Harwick Ledger that she would stay.", []string{"Harwick Ledger"}},
		{"On Saturday the Quarry Times reported a second fire.", []string{"Quarry Times"}},
		{"The bridge reopened on Saturday.\n\nThe Associated Press contributed to this report.", []string{"Associated Press"}},
		{"The bridge reopened on Saturday.\n\nCompiled with wire reports from Reuters.", []string{"Reuters"}},
		{"The bridge reopened on Saturday, with files from the Tidewater News.", []string{"Tidewater News"}},
		{"The bridge reopened on Saturday.\n\nDistributed by Harwick Ledger Syndicate.", []string{"Harwick Ledger Syndicate"}},
		{"Footage provided by Reuters showed the span.", []string{"Reuters"}},
		// A line that only credits the source, as syndicating sites
		// close a story.
		{"The bridge reopened on Saturday.\n\nSource: Reuters", []string{"Reuters"}},
		{"The bridge reopened on Saturday.\n(The Associated Press)", []string{"Associated Press"}},
		{"The bridge reopened on Saturday.\n\u2014 Harwick Ledger", []string{"Harwick Ledger"}},
		// Not reporters.
		{"According to the World Bank, growth slowed.", nil},
		{"The Lowmere Emergency Management Agency reported 200 rescues.", nil},
		{"Reuters is a news agency.", nil},
		{"She told Harriet on Saturday that she was leaving.", nil},
		{"Staff writer Ada Fenwick contributed to this report.", nil},
		{"The figures came from reports from the World Bank.", nil},
		{"Funding was provided by the Lowmere Emergency Management Agency.", nil},
		// A word that names a kind of outlet names one only as "the
		// Times".
		{"The port closed on Monday.\n\nTelevision reports said the strike had spread.", nil},
		{"Press reports from the region said the talks had failed.", nil},
		{"The scandal broke in November, the Times reported.", []string{"Times"}},
	}
	for _, tt := range tests {
		a := Parse(tt.in)
		var got []string
		for _, c := range a.Credits {
			if c.Role != RoleText {
				t.Errorf("%q: credit %q has role %s, want text", tt.in, c.Text, c.Role)
			}
			got = append(got, c.Text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: credits %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDatelineLen(t *testing.T) {
	for _, c := range []struct {
		s    string
		want string
	}{
		{"HARWICK, May 4 (Tidewater Wire) - Barges waited.", "HARWICK, May 4 (Tidewater Wire) -"},
		{"ZÜRICH, May 4 (Alpine News) - Banks opened.", "ZÜRICH, May 4 (Alpine News) -"},
		{"Harwick (Tidewater Wire) - Barges waited.", "Harwick (Tidewater Wire) -"},
		{"(Tidewater Wire) -- Barges waited.", "(Tidewater Wire) --"},
		{"The barges waited - for a week.", ""},
		// A headline in capitals with its source after a dash: the story
		// does not go on after it.
		{"SUGAR QUOTA IMPORTS DETAILED -- USDA\n\nThe department set the quotas.", ""},
		{"MARKET WATCH - HARWICK SHIPPING <HSC>\n\nHARWICK, May 4 (Tidewater Wire) - Barges waited.", ""},
		{"HARWICK - BARGES WAIT AT THE LOCKS AS THE RIVER FALLS", "HARWICK -"},
		{"HARWICK (Tidewater Wire) - Closed\n\nThe port closed.", "HARWICK (Tidewater Wire) -"},
		{"Harwick - the barges waited.", ""},
		{"", ""},
	} {
		if n := DatelineLen(c.s); strings.TrimSpace(c.s[:n]) != c.want {
			t.Errorf("DatelineLen(%q) = %d (%q), want %q", c.s, n, c.s[:n], c.want)
		}
	}
}

// A republication note at the top or the foot of a text names the outlet
// it ran on first, which is a credit of the article too. A sentence of the
// story that says where something else was published is not a note, nor
// is a court a defendant first appeared in.
func TestRepublished(t *testing.T) {
	story := "The bridge reopened on Saturday after a month of repairs, the council said.\n\nTraffic was light in the morning."
	tests := []struct {
		in   string
		want []string
	}{
		{story + "\n\nThis article was originally published on Harwick Ledger.", []string{"Harwick Ledger"}},
		{story + "\n\nThis article is republished from The Conversation under a Creative Commons license. Read the original article.", []string{"Conversation"}},
		{"Republished with permission from the Quarry Times.\n\n" + story, []string{"Quarry Times"}},
		{story + "\n\nThis story first appeared in Tidewater News.", []string{"Tidewater News"}},
		{story + "\n\nOriginally published by Kestrel Valley Courier & Gazette", []string{"Kestrel Valley Courier & Gazette"}},
		// Not notes.
		{story + "\n\nThe design was first published in Harwick Engineering Review.", nil},
		{story + "\n\nThe driver first appeared in Kestrel Crown Court in March.", nil},
		{story + "\n\nThis story was first published in 1998.", nil},
		{story + "\n\nIt first appeared in March.", nil},
	}
	for _, tt := range tests {
		a := Parse(tt.in)
		var got []string
		for _, s := range a.Republished {
			got = append(got, s.Text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: republished %q, want %q", tt.in, got, tt.want)
		}
		for _, w := range tt.want {
			if !slices.ContainsFunc(a.Credits, func(c Credit) bool { return c.Text == w }) {
				t.Errorf("%q: credits %+v, want %q among them", tt.in, a.Credits, w)
			}
		}
	}
}

// A wire story's trailer naming its reporters, set between two paragraphs
// of prose, is its byline, not a subhead.
func TestTrailerIsNoSubhead(t *testing.T) {
	a := Parse("Bridge reopens\n\nThe bridge reopened on Saturday after a month of repairs, the council said.\n\n" +
		"Reporting by Ada Fenwick; Editing by Tom Reyne\n\nCompiled by Harwick Ledger staff with wire reports from the Tidewater News.")
	if a.Byline == nil || !strings.Contains(a.Byline.Text, "Ada Fenwick") {
		t.Fatalf("byline %+v, want the trailer's", a.Byline)
	}
	if len(a.Subheads) != 0 {
		t.Errorf("subheads %+v, want none", a.Subheads)
	}
}

// A headline in capitals with a dash in it is no dateline: the one that
// opens the story below it is, with its agency's credit.
func TestHeadlineWithADash(t *testing.T) {
	a := Parse("MARKET WATCH - HARWICK SHIPPING <HSC>\n\nHARWICK, May 4 (Tidewater Wire) - Barges waited at the locks on Monday as the river fell.")
	if a.Dateline == nil || a.Dateline.Agency == nil || a.Dateline.Agency.Text != "Tidewater Wire" {
		t.Fatalf("dateline %+v, want the story's, credited to Tidewater Wire", a.Dateline)
	}
	if got := a.CreditedNames(); strings.Join(got, "|") != "Tidewater Wire" {
		t.Errorf("credits %q, want Tidewater Wire", got)
	}
}

// A wire story set inside another keeps its dateline at the head of its
// paragraph: the agency it credits is a credit of the text. A dateline
// without an agency credits no one.
func TestInnerDateline(t *testing.T) {
	a := Parse("Markets in brief\n\nHARWICK, May 4 (Harwick Ledger) - The harbour board met on Monday evening and agreed to keep the night shifts for another month.\n\n" +
		"KESTREL BAY, May 4 (Tidewater Wire) - Barley futures traded a cent lower in light dealings on Monday.\n\nPORT ELLERY - Ferry fares rise next week.")
	var got []string
	for _, c := range a.Credits {
		got = append(got, c.Role+":"+c.Text)
	}
	if want := RoleDateline + ":Harwick Ledger|" + RoleText + ":Tidewater Wire"; strings.Join(got, "|") != want {
		t.Errorf("credits %q, want %q", got, want)
	}
}
