package typeset

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// knownWords are words of each bundled language with their hyphenation
// points. Those of fr, de, es and it agree with LibreOffice's hyphenation
// dictionaries (hyphen-fr, -de, -es, -it through python3-pyphen, at
// hyphenmins 2/2), which TestPatternsAgreeWithLibreOffice checks again on
// machines that have them; the others were checked by eye against each
// language's syllable rules.
var knownWords = map[string][]string{
	"fr": {"gou-ver-ne-ment", "his-to-riques", "bi-blio-thèque", "connais-sance", "ex-tra-or-di-naire", "phi-lo-so-phie", "cour-ti-sans", "contra-dic-tion", "pro-ba-ble-ment", "sen-si-ble-ment"},
	"de": {"Re-li-gi-ons-ge-schich-te", "Kul-tur-ge-schich-te", "Bi-blio-the-ken", "Wis-sen-schaft", "Ver-ant-wor-tung", "Freund-schaft", "Ent-wick-lung", "Tra-gö-die", "Ge-rech-tig-keit", "Schmerz-emp-fin-dung"},
	"es": {"bi-blio-te-ca", "co-no-ci-mien-to", "ex-tra-or-di-na-rio", "fi-lo-so-fía", "go-bierno", "his-to-ria-do-res", "des-bor-da-mien-to", "res-pon-sa-bi-li-dad", "in-de-pen-den-cia", "co-mu-ni-ca-ción"},
	"it": {"bi-blio-te-ca", "co-no-scen-za", "straor-di-na-rio", "fi-lo-so-fia", "go-ver-no", "sto-ri-ci", "re-spon-sa-bi-li-tà", "in-di-pen-den-za", "co-mu-ni-ca-zio-ne", "fan-ta-smi"},
	"pt": {"bi-bli-o-teca", "co-nhe-ci-mento", "ex-tra-or-di-ná-rio", "fi-lo-so-fia", "go-verno", "his-to-ri-a-do-res", "res-pon-sa-bi-li-dade", "in-de-pen-dên-cia", "co-mu-ni-ca-ção"},
	"nl": {"bi-bli-o-theek", "ge-schie-de-nis", "ver-ant-woor-de-lijk-heid", "on-af-han-ke-lijk-heid", "we-ten-schap-pe-lijk", "kin-de-ren", "boer-de-rij"},
	"sv": {"bib-li-o-tek", "histo-ri-ker", "an-svars-full", "själv-stän-dig-het", "ve-ten-skap-lig", "bar-nen"},
	"da": {"bi-bli-o-tek", "hi-sto-ri-ke-re", "an-svar-lig-hed", "selv-stæn-dig-hed", "vi-den-ska-be-lig"},
	"nb": {"bi-blio-tek", "his-to-ri-ke-re", "an-svar-lig-het", "selv-sten-dig-het", "vi-ten-ska-pe-lig"},
	"fi": {"kir-jas-to", "his-to-rioit-si-jat", "it-se-näi-syys", "tie-teel-li-nen", "vas-tuul-li-suus"},
	"pl": {"bi-blio-te-ka", "hi-sto-ry-cy", "od-po-wie-dzial-ność", "nie-pod-le-głość", "na-uko-wy"},
	"hu": {"könyv-tár", "tör-té-né-szek", "fe-le-lős-ség", "füg-get-len-ség", "tu-do-má-nyos"},
	"ru": {"биб-лио-те-ка", "ис-то-ри-ки", "от-вет-ствен-ность", "неза-ви-си-мость", "на-уч-ный"},
	"uk": {"бі-бліо-те-ка", "істо-ри-ки", "від-по-від-аль-ність", "не-за-ле-жність", "на-у-ко-вий"},
	"el": {"βι-βλιο-θή-κη", "ι-στο-ρι-κοί", "α-νε-ξαρ-τη-σί-α", "ε-πι-στη-μο-νι-κός"},
	"tr": {"kü-tüp-ha-ne", "ta-rih-çi-ler", "ba-ğım-sız-lık", "so-rum-lu-luk"},
	"hr": {"knjiž-ni-ca", "po-vjes-ni-ča-ri", "od-go-vor-nost", "neo-vis-nost"},
	"sl": {"knji-žni-ca", "zgo-do-vi-nar-ji", "od-go-vor-nost", "ne-od-vi-snost"},
	"et": {"raa-ma-tu-kogu", "aja-loo-la-sed", "vas-tu-tus", "ise-seis-vus"},
	"lt": {"bi-b-lio-te-ka", "is-to-ri-kai", "at-sa-ko-my-bė", "ne-pri-klau-so-my-bė"},
	"ca": {"bi-bli-o-te-ca", "his-to-ri-a-dors", "res-pon-sa-bi-li-tat", "in-de-pen-dèn-cia"},
	"bg": {"биб-ли-о-те-ка", "ис-то-ри-ци", "от-го-вор-ност", "не-за-ви-си-мост"},
}

// TestPatternsByLanguage: every bundled pattern set hyphenates known words
// of its language at the right points.
func TestPatternsByLanguage(t *testing.T) {
	for lang, words := range knownWords {
		h := mustLang(t, lang)
		for _, want := range words {
			if got := hyphenate(h, strings.ReplaceAll(want, "-", "")); got != want {
				t.Errorf("%s: %s, want %s", lang, got, want)
			}
		}
	}
	// Every file in patterns/ is reachable from some tag.
	files, _ := patternFiles.ReadDir("patterns")
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimSuffix(f.Name(), ".gz"), ".txt")
		if !strings.HasSuffix(name, ".pat") {
			continue
		}
		name = strings.TrimSuffix(strings.TrimPrefix(name, "hyph-"), ".pat")
		if _, ok := loaded[name]; !ok {
			t.Errorf("patterns/%s is bundled but no language uses it", f.Name())
		}
		if _, err := os.Stat("patterns/LICENSE-hyph-" + name + ".txt"); err != nil && !strings.HasPrefix(name, "en-") {
			t.Errorf("patterns/%s has no licence file beside it", f.Name())
		}
	}
}

// TestPatternsAgreeWithLibreOffice compares the French, German, Spanish
// and Italian sets with LibreOffice's dictionaries through python3-pyphen
// (Debian python3-pyphen, hyphen-fr, hyphen-de, hyphen-es, hyphen-it).
func TestPatternsAgreeWithLibreOffice(t *testing.T) {
	script := `import sys, pyphen
for line in sys.stdin:
    lang, word = line.split()
    d = pyphen.Pyphen(lang=lang, left=2, right=2)
    print(d.inserted(word))
`
	var in strings.Builder
	var want []string
	for lang, dict := range map[string]string{"fr": "fr_FR", "de": "de_DE", "es": "es_ES", "it": "it_IT"} {
		for _, w := range knownWords[lang] {
			in.WriteString(dict + " " + strings.ReplaceAll(w, "-", "") + "\n")
			want = append(want, w)
		}
	}
	cmd := exec.Command("/usr/bin/python3", "-c", script)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3-pyphen with hyphen-fr/de/es/it is needed: %v", err)
		}
		t.Skipf("python3-pyphen or the LibreOffice dictionaries are missing: %v", err)
	}
	got := strings.Fields(string(out))
	if len(got) != len(want) {
		t.Fatalf("pyphen gave %d words for %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("LibreOffice hyphenates %s, the bundled patterns %s", got[i], want[i])
		}
	}
}
