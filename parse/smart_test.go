package parse

import (
	"strings"
	"testing"
)

// TestSmartenByLanguage: quotation marks, French spacing, dashes and
// ellipses by the rules of each language. "_" stands for U+202F (narrow
// no-break space) and "~" for U+00A0 (no-break space) in the wanted text.
func TestSmartenByLanguage(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"en", `She said "no" -- twice... Isn't it 'odd'?`, `She said “no” — twice… Isn’t it ‘odd’?`},
		{"en", `Pages 10--12; see "Notes" : later ?`, `Pages 10–12; see “Notes”~: later~?`},
		{"fr", `Il dit : "non" ; puis il part ! Pourquoi ?`, `Il dit_: «_non_»_; puis il part_! Pourquoi_?`},
		{"fr", `Il dit: "non"; puis il part! Pourquoi?`, `Il dit_: «_non_»_; puis il part_! Pourquoi_?`},
		{"fr", `« Déjà typographié » reste tel quel.`, `«_Déjà typographié_» reste tel quel.`},
		{"fr", "Déjà\u00a0: gardé\u00a0!", "Déjà~: gardé~!"},
		{"fr", `Voir http://example.org/a?b=c à 10:30.`, `Voir http://example.org/a?b=c à 10:30.`},
		{"fr", `C'est l'heure -- enfin... Vraiment ?!`, `C’est l’heure — enfin… Vraiment_?!`},
		{"de", `Er sagte: "Nein" -- und ging. 'So' ist es.`, `Er sagte: „Nein“ – und ging. ‚So‘ ist es.`},
		{"es", `Dijo: "no" -- y se fue...`, `Dijo: «no» — y se fue…`},
		{"it", `Disse: "no", e se ne andò. L'ora è 'tarda'.`, `Disse: «no», e se ne andò. L’ora è “tarda”.`},
		{"pt", `Disse: "não" e foi-se embora.`, `Disse: «não» e foi-se embora.`},
		{"nl", `Hij zei: "nee" -- en ging.`, `Hij zei: “nee” – en ging.`},
		// one dash convention per document: " - " and " -- " alike
		{"en", `Fine - or so it seemed -- until May.`, `Fine — or so it seemed — until May.`},
		{"de", `Gut - oder so -- bis Mai.`, `Gut – oder so – bis Mai.`},
		{"it", `Disse « no » e tacque ?`, `Disse «~no~» e tacque~?`},
	} {
		got := langFor(c.lang).smarten(c.in)
		want := strings.NewReplacer("_", "\u202f", "~", "\u00a0").Replace(c.want)
		if got != want {
			t.Errorf("%s %q:\n got %q\nwant %q", c.lang, c.in, got, want)
		}
	}
}

// TestSuspendedHyphen: a line-end hyphen before a conjunction keeps its
// space; before other words it joins.
func TestSuspendedHyphen(t *testing.T) {
	p := &parser{lang: langFor("de"), vocab: map[string]bool{}}
	for _, c := range [][3]string{
		{"der Religions-", "und Kulturgeschichte", "der Religions- und Kulturgeschichte"},
		{"Ein- oder", "Ausgang", "Ein- oder Ausgang"},
		{"Ein-", "oder Ausgang", "Ein- oder Ausgang"},
		{"the pre-", "and post-war years", "the pre- and post-war years"},
		{"ein Jahr-", "hundert", "ein Jahr-hundert"},
	} {
		if got := p.joinText(c[0], c[1]); got != c[2] {
			t.Errorf("%q + %q = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// TestNumberRanges: a hyphen between the two numbers of a range becomes an
// en dash; dates, phone numbers, ISBNs, scores, codes and hyphenated
// words keep their hyphens.
func TestNumberRanges(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"from 1924-1929 the war", "from 1924–1929 the war"},
		{"see pp. 12-15.", "see pp. 12–15."},
		{"(1990-95)", "(1990–95)"},
		{"pages 9-10 and 99-100", "pages 9–10 and 99–100"},
		{"ages 5-7, 10-12", "ages 5–7, 10–12"},
		{"on 2024-05-01 at noon", "on 2024-05-01 at noon"},
		{"call 555-1234 or 555-123-4567", "call 555-1234 or 555-123-4567"},
		{"ISBN 978-3-16-148410-0", "ISBN 978-3-16-148410-0"},
		{"ISBN 0-306-40615-2", "ISBN 0-306-40615-2"},
		{"won 3-2 away", "won 3-2 away"},
		{"ZIP 12345-6789", "ZIP 12345-6789"},
		{"COVID-19 and F-16s", "COVID-19 and F-16s"},
		{"a well-known 1920s-era house", "a well-known 1920s-era house"},
		{"10:30-11:45", "10:30-11:45"},
		{"3.5-4.5 kg", "3.5-4.5 kg"},
		{"A4-A5", "A4-A5"},
	} {
		if got := Smarten(c.in); got != c.want {
			t.Errorf("Smarten(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
