package text

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/zeebo/xxh3"
)

// Scripts written without spaces are split into characters; each table
// row gives the token texts, which checkTokens holds to exact offsets.
func TestTokenizeSegmented(t *testing.T) {
	tests := []struct {
		name string
		in   string
		// want is the text of each token, with its flags after a '/'
		// (N number, Q quoted) when it has any.
		want []string
	}{
		{"chinese clause", "青川港渡轮周一恢复通航。", strings.Split("青 川 港 渡 轮 周 一 恢 复 通 航", " ")},
		{"chinese punctuation skipped", "林海燕说，港口已开放！", strings.Split("林 海 燕 说 港 口 已 开 放", " ")},
		{"latin and digits beside han", "iPhone手机2024年", []string{"iPhone", "手", "机", "2024/N", "年"}},
		{"japanese kana and kanji", "東京のフェリーが再開", strings.Split("東 京 の フ ェ リ ー が 再 開", " ")},
		{"japanese corner brackets quote", "彼は「再開」と述べた", []string{"彼", "は", "再/Q", "開/Q", "と", "述", "べ", "た"}},
		{"japanese double corner brackets", "『港』の話", []string{"港/Q", "の", "話"}},
		{"half-width katakana", "ｶﾀｶﾅ", strings.Split("ｶ ﾀ ｶ ﾅ", " ")},
		// Thai vowel and tone marks stay with the consonant before
		// them; a leading vowel is a character of its own.
		{"thai with marks", "เรือข้ามฟาก", []string{"เ", "รื", "อ", "ข้", "า", "ม", "ฟ", "า", "ก"}},
		{"thai digits are a number", "ปี ๒๕๖๗", []string{"ปี", "๒๕๖๗/N"}},
		{"lao", "ເຮືອ", []string{"ເ", "ຮື", "ອ"}},
		// A Khmer subscript consonant starts a character of its own
		// after the coeng mark.
		{"khmer spacing vowels", "ភាសាខ្មែរ", []string{"ភា", "សា", "ខ្", "មែ", "រ"}},
		{"myanmar", "မြို့", []string{"မြို့"}},
		{"ideographic zero", "二〇二四", []string{"二", "〇", "二", "四"}},
		// Scripts written with spaces keep their words whole, spacing
		// vowel signs included.
		{"devanagari spacing vowel signs", "भारत की राजधानी", []string{"भारत", "की", "राजधानी"}},
		{"bengali", "ঢাকা শহর", []string{"ঢাকা", "শহর"}},
		{"tamil", "தமிழ்நாடு அரசு", []string{"தமிழ்நாடு", "அரசு"}},
		{"korean words", "서울 시장이 말했다", []string{"서울", "시장이", "말했다"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			checkTokens(t, tt.in, toks)
			var got []string
			for _, tk := range toks {
				g := tt.in[tk.Start:tk.End]
				flags := ""
				if tk.Number {
					flags += "N"
				}
				if tk.Quoted {
					flags += "Q"
				}
				if flags != "" {
					g += "/" + flags
				}
				got = append(got, g)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSegmentedNorm(t *testing.T) {
	toks := Tokenize("ｶﾀｶﾅ 東京")
	var norms []string
	for _, tk := range toks {
		norms = append(norms, tk.Norm)
	}
	if want := []string{"カ", "タ", "カ", "ナ", "東", "京"}; !slices.Equal(norms, want) {
		t.Fatalf("norms %q, want %q", norms, want)
	}
}

// Characters of a script written without spaces are matched by the pair
// each makes with the next character of its run: no pair across a space,
// punctuation, a number or a change of script.
func TestWordsPairCharacters(t *testing.T) {
	tests := []struct {
		in    string
		stems []string
	}{
		{"東京都", []string{"東京", "京都", "都"}},
		{"東京 都", []string{"東京", "京", "都"}},
		{"港口，开放", []string{"港口", "口", "开放", "放"}},
		{"食べる", []string{"食べ", "べる", "る"}},
		{"2024年3月", []string{"2024", "年", "3", "月"}},
		{"เรือไทย", []string{"เรื", "รือ", "อไ", "ไท", "ทย", "ย"}},
		{"港เรือ", []string{"港", "เรื", "รือ", "อ"}},
		{"ferry ships", []string{"ferry", "ship"}},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in)
		words := Words(toks)
		hashes := Hashes(toks)
		if len(words) != len(tt.stems) {
			t.Fatalf("Words(%q) gave %d words, want %d (%q)", tt.in, len(words), len(tt.stems), tt.stems)
		}
		for i, w := range words {
			if want := xxh3.HashString(tt.stems[i]); w.Hash != want || hashes[i] != want {
				t.Errorf("%q word %d: Hash %x, Hashes %x, want the hash of %q (%x)", tt.in, i, w.Hash, hashes[i], tt.stems[i], want)
			}
		}
	}
}

func TestSentencesCJK(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"港口开放。渡轮恢复！乘客很多？是的", []string{"港口开放", "渡轮恢复", "乘客很多", "是的"}},
		{"港が開いた。船が出た", []string{"港が開いた", "船が出た"}},
		// Thai parts sentences with a space.
		{"เรือออก ฝนหยุด", []string{"เรือออก", "ฝนหยุด"}},
		// A space inside Chinese text does not end a sentence.
		{"港口 开放", []string{"港口 开放"}},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in)
		var got []string
		for _, sp := range Sentences(tt.in, toks) {
			got = append(got, tt.in[toks[sp.Start].Start:toks[sp.End-1].End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// balinese returns n runs of 30 Balinese letters and vowel signs, parted
// by the Balinese full stop: made-up text in a script written without
// spaces that Tokenize does not split.
func balinese(n int) string {
	var b strings.Builder
	for i := range n {
		for k := range 30 {
			b.WriteRune(rune(0x1b13 + (i*7+k*3)%30))
			if k%3 == 1 {
				b.WriteRune(0x1b36) // vowel sign ulu
			}
		}
		b.WriteString("\u1b5f ")
	}
	return b.String()
}

func TestUnsegmented(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		script string // "" when the text is split into words
	}{
		{"english", "The ferry resumed on Monday after three days of storms.", ""},
		{"german compound", "Die Mütze des Kapitäns der Donaudampfschifffahrtsgesellschaft liegt seit Montag im Hafenmuseum neben den alten Fahrplänen der Fährverbindung zur Insel.", ""},
		{"chinese", "青川港渡轮周一恢复通航，首班船载有二百一十名乘客。", ""},
		{"thai", "เรือข้ามฟากระหว่างท่าเรือนาดีกับเกาะแก้วกลับมาให้บริการตามปกติ", ""},
		{"one long token among words", "See https://example.org/averyveryveryverylongpathsegmentwithoutbreaks for the timetable of the ferries on the northern route this week.", ""},
		{"balinese", balinese(6), "Balinese"},
		{"balinese with an english line", "Harbour news\n" + balinese(6), "Balinese"},
		{"javanese", strings.Repeat("\ua98f\ua9ba\ua9a4\ua9b8\ua9a0\ua9a2\ua9ab\ua9b6\ua9a9\ua99d", 4), "Javanese"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Unsegmented(tt.in)
			var ue *UnsegmentedError
			switch {
			case tt.script == "" && err != nil:
				t.Fatalf("Unsegmented = %v, want nil", err)
			case tt.script != "" && !errors.As(err, &ue):
				t.Fatalf("Unsegmented = %v, want an *UnsegmentedError", err)
			case tt.script != "" && (ue.Script != tt.script || !errors.Is(err, ErrUnsegmented)):
				t.Fatalf("Unsegmented = %v (script %q), want script %q", err, ue.Script, tt.script)
			}
		})
	}
}

func BenchmarkUnsegmented(b *testing.B) {
	s := newsText(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if err := Unsegmented(s); err != nil {
			b.Fatal(err)
		}
	}
}
