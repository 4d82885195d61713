package parse

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/essayexport/essayexport/internal/lang"
)

// This file is the one place where the parser's knowledge of particular
// languages lives. Every rule that reads words (bylines, section and
// reference headings, the words that mark prose, the page-number words of
// chrome, heading capitalisation, quotation marks) asks langFor for the
// document's language and reads the fields below. Adding a language is
// adding an entry to langTable; nothing else needs to change.
//
// Words are written in lower case. Sets that name things no essay would
// write by accident (reference and section headings) are matched in every
// language at once (see allSections), because an essay in French may well
// end with "Bibliography"; bylines and function words, which are ordinary
// words elsewhere ("de", "di", "von"), count only in the document's own
// language and in English.

// langData is what the parser knows of one language.
type langData struct {
	// By are the words that open a byline under the title ("by Jane
	// Smith", "par Jeanne Dupont", "von Hans Müller").
	By []string
	// Sections are the usual names of essay sections, read as headings
	// when they stand alone.
	Sections []string
	// RefSections are the headings of a references list.
	RefSections []string
	// Function are the commonest short words of running prose (articles,
	// prepositions, conjunctions, pronouns): a line with several of them
	// reads as a sentence, not as a title or chrome.
	Function []string
	// And are the conjunctions after which a line-end hyphen is a
	// suspended hyphen, kept with its space ("Religions- und
	// Kulturgeschichte", "pre- and post-war").
	And []string
	// Interface are the words of web and app interfaces in the language
	// (menus, buttons, account and sharing controls, forms, legal
	// footers): a unit made mostly of them is chrome (prose.go).
	Interface []string
	// Page is the word for "page" in page-number debris ("Page 3",
	// "Seite 3", "3 | Page").
	Page []string
	// TitleCase is true where headings are written in title case
	// ("The Causes of the War"); elsewhere headings are in sentence case
	// ("Les causes de la guerre"), and a short line standing alone without
	// closing punctuation is read as a heading.
	TitleCase bool
	// Quotes are the primary and secondary quotation marks of the house
	// style for the language: open, close, open, close.
	Quotes [4]string
	// Dash is what "--" between words becomes: "—" (the default) or a
	// spaced en dash "–" where that is the house style.
	Dash string
	// SpaceBefore is true for French typography: a narrow no-break space
	// before ; : ! ? and inside « ».
	SpaceBefore bool
}

// langTable holds the languages the parser knows by name. A language not
// here is parsed with English's rules (see langFor).
var langTable = map[string]*langData{
	"en": {
		By:          []string{"by", "written by"},
		Sections:    []string{"introduction", "conclusion", "conclusions", "summary", "abstract", "background", "discussion", "method", "methods", "methodology", "results", "analysis", "acknowledgements", "acknowledgments", "overview", "literature review", "main body", "body", "evaluation", "recommendation", "recommendations", "findings", "limitations", "preface", "foreword", "epilogue", "prologue", "afterword", "thesis", "counterargument", "counterarguments", "counter-argument", "counter-arguments", "rebuttal", "endnotes", "footnotes", "notes", "further reading", "reflection", "context", "purpose", "scope", "aim", "aims", "objective", "objectives", "executive summary", "concluding remarks", "final thoughts", "appendix"},
		RefSections: []string{"references", "bibliography", "works cited", "works consulted", "reference list", "sources", "literature cited", "citations"},
		And:         []string{"and", "or", "nor", "to", "versus"},
		Function:    []string{"a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "that", "this", "these", "those", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "into", "onto", "upon", "about", "over", "under", "after", "before", "between", "through", "during", "against", "among", "as", "like", "not", "no", "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "there", "here", "is", "are", "was", "were", "be", "been", "being", "am", "have", "has", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "all", "some", "any", "more", "most", "such", "one", "other", "also", "only", "very", "because", "while", "although", "though", "since", "until", "every", "each"},
		Interface:   []string{"home", "menu", "search", "login", "log", "signin", "signup", "sign", "register", "subscribe", "subscription", "account", "profile", "password", "email", "e-mail", "newsletter", "share", "tweet", "facebook", "twitter", "linkedin", "pinterest", "reddit", "whatsapp", "instagram", "copy", "link", "print", "download", "upload", "save", "bookmark", "follow", "followers", "following", "reply", "replies", "respond", "responses", "comment", "comments", "like", "likes", "clap", "claps", "listen", "app", "cookie", "cookies", "privacy", "terms", "policy", "conditions", "contact", "about", "careers", "press", "help", "faq", "dmca", "copyright", "reserved", "rights", "advertisement", "sponsored", "ad", "ads", "related", "recommended", "recommendations", "popular", "trending", "topics", "tags", "categories", "category", "more", "show", "view", "views", "read", "open", "document", "submit", "send", "order", "price", "checker", "plagiarism", "grammar", "flashcards", "q&a", "skip", "content", "cite", "citation", "accept", "settings", "status", "blog", "teams", "write", "pages", "words", "rating", "access", "get", "continue", "donate", "company", "check", "quality", "essay", "essays"},
		Page:        []string{"page"},
		TitleCase:   true,
		Quotes:      [4]string{"“", "”", "‘", "’"},
	},
	"fr": {
		By:          []string{"par", "de"},
		Sections:    []string{"introduction", "conclusion", "résumé", "avant-propos", "préface", "développement", "discussion", "analyse", "méthode", "méthodologie", "résultats", "remerciements", "notes", "annexe", "annexes", "problématique", "synthèse", "première partie", "deuxième partie", "troisième partie", "épilogue", "prologue"},
		RefSections: []string{"bibliographie", "références", "références bibliographiques", "sources", "ouvrages cités", "sitographie", "webographie"},
		And:         []string{"et", "ou"},
		Function:    []string{"le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "et", "ou", "mais", "donc", "car", "ni", "que", "qu", "qui", "quoi", "dont", "où", "à", "au", "aux", "en", "dans", "par", "pour", "sur", "sous", "avec", "sans", "entre", "vers", "chez", "ne", "pas", "plus", "il", "ils", "elle", "elles", "on", "nous", "vous", "je", "j", "tu", "se", "s", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette", "ces", "est", "sont", "était", "être", "a", "ont", "avait", "avoir", "fait", "si", "comme", "tout", "tous", "même", "y", "lui", "c", "n", "m"},
		Page:        []string{"page"},
		Quotes:      [4]string{"«", "»", "“", "”"},
		SpaceBefore: true,
	},
	"de": {
		By:          []string{"von"},
		Sections:    []string{"einleitung", "einführung", "schluss", "schlussfolgerung", "fazit", "zusammenfassung", "hauptteil", "diskussion", "analyse", "methode", "methoden", "methodik", "ergebnisse", "ausblick", "vorwort", "nachwort", "anmerkungen", "anhang", "danksagung", "schlussbetrachtung"},
		RefSections: []string{"literaturverzeichnis", "literatur", "quellen", "quellenverzeichnis", "bibliographie", "bibliografie", "quellenangaben", "literaturangaben", "verwendete literatur"},
		And:         []string{"und", "oder", "bis", "sowie", "noch", "wie", "als"},
		Function:    []string{"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder", "aber", "denn", "doch", "dass", "daß", "wenn", "als", "wie", "so", "zu", "zum", "zur", "in", "im", "an", "am", "auf", "aus", "bei", "mit", "nach", "von", "vom", "vor", "für", "über", "unter", "durch", "gegen", "ohne", "um", "nicht", "kein", "keine", "ich", "du", "er", "sie", "es", "wir", "ihr", "man", "sich", "sein", "seine", "ihre", "ist", "sind", "war", "waren", "hat", "haben", "hatte", "wird", "werden", "wurde", "kann", "muss", "muß", "auch", "nur", "noch", "schon", "was", "wer", "dies", "diese", "dieser"},
		Page:        []string{"seite"},
		Dash:        "–",
		Quotes:      [4]string{"„", "“", "‚", "‘"},
	},
	"es": {
		By:          []string{"por"},
		Sections:    []string{"introducción", "conclusión", "conclusiones", "resumen", "desarrollo", "discusión", "análisis", "método", "metodología", "resultados", "agradecimientos", "notas", "anexo", "anexos", "prólogo", "epílogo", "marco teórico", "objetivos", "reflexión final"},
		RefSections: []string{"bibliografía", "referencias", "referencias bibliográficas", "fuentes", "obras citadas", "webgrafía"},
		And:         []string{"y", "e", "o", "u"},
		Function:    []string{"el", "la", "los", "las", "un", "una", "unos", "unas", "y", "e", "o", "u", "pero", "que", "quien", "cual", "no", "de", "del", "a", "al", "en", "con", "por", "para", "sin", "sobre", "entre", "hasta", "desde", "se", "su", "sus", "lo", "le", "les", "me", "te", "nos", "yo", "tú", "él", "ella", "ellos", "es", "son", "era", "fue", "ser", "estar", "está", "ha", "han", "había", "como", "si", "más", "muy", "también", "este", "esta", "ese", "esa", "cuando", "donde", "porque"},
		Page:        []string{"página"},
		Quotes:      [4]string{"«", "»", "“", "”"},
	},
	"it": {
		By:          []string{"di"},
		Sections:    []string{"introduzione", "conclusione", "conclusioni", "sommario", "riassunto", "sviluppo", "discussione", "analisi", "metodo", "metodologia", "risultati", "ringraziamenti", "note", "appendice", "premessa", "prefazione", "epilogo", "prologo"},
		RefSections: []string{"bibliografia", "riferimenti", "riferimenti bibliografici", "fonti", "opere citate", "sitografia"},
		And:         []string{"e", "ed", "o", "od"},
		Function:    []string{"il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "l", "e", "ed", "o", "ma", "che", "chi", "cui", "non", "di", "del", "della", "dei", "delle", "dello", "degli", "a", "al", "alla", "ai", "alle", "allo", "da", "dal", "dalla", "in", "nel", "nella", "nei", "nelle", "con", "su", "sul", "sulla", "per", "tra", "fra", "si", "ci", "vi", "mi", "ti", "io", "tu", "egli", "ella", "noi", "voi", "essi", "è", "sono", "era", "essere", "ha", "hanno", "aveva", "come", "se", "anche", "più", "suo", "sua", "suoi", "questo", "questa", "quello", "quella", "d", "dell", "all", "nell", "un'", "quando"},
		Page:        []string{"pagina", "pag"},
		Quotes:      [4]string{"«", "»", "“", "”"},
	},
	"pt": {
		By:          []string{"por"},
		Sections:    []string{"introdução", "conclusão", "conclusões", "resumo", "desenvolvimento", "discussão", "análise", "método", "metodologia", "resultados", "agradecimentos", "notas", "anexo", "anexos", "apêndice", "prefácio", "considerações finais"},
		RefSections: []string{"bibliografia", "referências", "referências bibliográficas", "fontes", "obras citadas"},
		And:         []string{"e", "ou"},
		Function:    []string{"o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "é", "que", "em", "no", "na", "um", "uma", "para", "com", "não", "se", "por", "mais", "como", "mas", "ao", "seu", "sua", "foi", "são", "ou", "também", "quando", "muito", "nos", "já"},
		Page:        []string{"página"},
		Quotes:      [4]string{"«", "»", "“", "”"},
	},
	"nl": {
		By:          []string{"door"},
		Sections:    []string{"inleiding", "conclusie", "conclusies", "samenvatting", "discussie", "analyse", "methode", "resultaten", "dankwoord", "noten", "bijlage", "bijlagen", "voorwoord", "nawoord", "slot", "slotwoord"},
		RefSections: []string{"literatuurlijst", "literatuur", "bronnen", "bronnenlijst", "bibliografie", "referenties", "geraadpleegde literatuur"},
		And:         []string{"en", "of", "tot"},
		Function:    []string{"de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "zijn", "voor", "met", "die", "niet", "aan", "er", "om", "ook", "als", "maar", "bij", "of", "uit", "naar", "werd", "was", "door", "hij", "zij", "wordt", "dan", "nog", "hun"},
		Page:        []string{"pagina"},
		Dash:        "–",
		Quotes:      [4]string{"“", "”", "‘", "’"},
	},
	"pl": {
		By:          []string{},
		Sections:    []string{"wstęp", "wprowadzenie", "zakończenie", "podsumowanie", "wnioski", "streszczenie", "rozwinięcie", "dyskusja", "analiza", "metoda", "metodologia", "wyniki", "przypisy", "aneks", "załącznik"},
		RefSections: []string{"bibliografia", "literatura", "źródła", "przypisy bibliograficzne"},
		And:         []string{"i", "oraz", "lub", "albo", "czy"},
		Function:    []string{"i", "w", "na", "z", "że", "się", "nie", "do", "to", "jest", "o", "jak", "a", "od", "po", "ale", "za", "co", "przez", "dla", "jego", "jej", "ich", "tak", "był", "była", "tym", "tego", "czy"},
		Page:        []string{"strona", "str"},
		Dash:        "–",
		Quotes:      [4]string{"„", "”", "«", "»"},
	},
	"sv": {
		By:          []string{"av"},
		Sections:    []string{"inledning", "slutsats", "slutsatser", "sammanfattning", "diskussion", "analys", "metod", "resultat", "avslutning", "bakgrund", "noter", "bilaga", "förord"},
		RefSections: []string{"referenser", "litteraturförteckning", "källor", "källförteckning", "litteratur"},
		And:         []string{"och", "eller", "till"},
		Function:    []string{"och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de", "inte", "om", "ett", "var", "men", "så", "från", "hon", "han", "vi", "sig", "när", "kan", "eller"},
		Page:        []string{"sida"},
		Dash:        "–",
		Quotes:      [4]string{"”", "”", "’", "’"},
	},
	"da": {
		By:          []string{"af"},
		Sections:    []string{"indledning", "konklusion", "sammenfatning", "resumé", "diskussion", "analyse", "metode", "resultater", "afslutning", "baggrund", "noter", "bilag", "forord"},
		RefSections: []string{"litteraturliste", "litteratur", "kilder", "kildeliste", "referencer", "bibliografi"},
		And:         []string{"og", "eller", "til"},
		Function:    []string{"og", "i", "at", "det", "som", "en", "på", "er", "af", "for", "med", "til", "den", "har", "de", "ikke", "om", "et", "var", "men", "så", "fra", "hun", "han", "vi", "sig", "når", "kan", "eller"},
		Page:        []string{"side"},
		Dash:        "–",
		Quotes:      [4]string{"»", "«", "›", "‹"},
	},
	"nb": {
		By:          []string{"av"},
		Sections:    []string{"innledning", "konklusjon", "sammendrag", "oppsummering", "drøfting", "diskusjon", "analyse", "metode", "resultater", "avslutning", "bakgrunn", "noter", "vedlegg", "forord"},
		RefSections: []string{"litteraturliste", "litteratur", "kilder", "kildeliste", "referanser", "bibliografi"},
		And:         []string{"og", "eller", "til"},
		Function:    []string{"og", "i", "at", "det", "som", "en", "på", "er", "av", "for", "med", "til", "den", "har", "de", "ikke", "om", "et", "var", "men", "så", "fra", "hun", "han", "vi", "seg", "når", "kan", "eller"},
		Page:        []string{"side"},
		Dash:        "–",
		Quotes:      [4]string{"«", "»", "‘", "’"},
	},
	"fi": {
		By:          []string{},
		Sections:    []string{"johdanto", "johtopäätökset", "yhteenveto", "tiivistelmä", "pohdinta", "analyysi", "menetelmät", "tulokset", "lopuksi", "tausta", "liitteet", "alaviitteet", "esipuhe"},
		RefSections: []string{"lähteet", "kirjallisuus", "lähdeluettelo", "viitteet"},
		And:         []string{"ja", "tai"},
		Function:    []string{"ja", "on", "ei", "se", "että", "oli", "hän", "kun", "mutta", "tai", "myös", "niin", "kuin", "ovat", "sen", "jo", "vain", "mukaan", "joka", "jotka", "ole", "tämä"},
		Page:        []string{"sivu"},
		Dash:        "–",
		Quotes:      [4]string{"”", "”", "’", "’"},
	},
	"cs": {
		By:          []string{},
		Sections:    []string{"úvod", "závěr", "shrnutí", "diskuse", "diskuze", "analýza", "metoda", "metodika", "výsledky", "poznámky", "příloha", "přílohy", "předmluva", "doslov"},
		RefSections: []string{"literatura", "použitá literatura", "seznam literatury", "zdroje", "bibliografie", "prameny"},
		And:         []string{"a", "i", "nebo", "či"},
		Function:    []string{"a", "v", "se", "na", "je", "že", "to", "s", "z", "do", "o", "k", "i", "jak", "ale", "by", "jeho", "její", "jsou", "byl", "byla", "pro", "od", "po", "tak", "také", "který", "která", "které"},
		Page:        []string{"strana", "str"},
		Dash:        "–",
		Quotes:      [4]string{"„", "“", "‚", "‘"},
	},
	"ru": {
		By:          []string{},
		Sections:    []string{"введение", "заключение", "выводы", "аннотация", "основная часть", "обсуждение", "анализ", "метод", "методы", "методология", "результаты", "примечания", "приложение", "предисловие", "послесловие"},
		RefSections: []string{"литература", "список литературы", "библиография", "источники", "список источников", "использованная литература"},
		And:         []string{"и", "или"},
		Function:    []string{"и", "в", "не", "на", "что", "с", "как", "по", "это", "к", "но", "из", "у", "за", "от", "о", "так", "же", "для", "было", "был", "была", "его", "её", "их", "он", "она", "они", "мы", "то"},
		Page:        []string{"страница", "стр"},
		Quotes:      [4]string{"«", "»", "„", "“"},
	},
	"uk": {
		By:          []string{},
		Sections:    []string{"вступ", "висновки", "висновок", "анотація", "основна частина", "обговорення", "аналіз", "метод", "методи", "результати", "примітки", "додаток", "передмова", "післямова"},
		RefSections: []string{"література", "список літератури", "бібліографія", "джерела", "список джерел", "використана література"},
		And:         []string{"і", "й", "та", "або"},
		Function:    []string{"і", "й", "та", "в", "у", "не", "на", "що", "з", "як", "по", "це", "до", "але", "із", "за", "від", "про", "так", "же", "для", "було", "був", "була", "його", "її", "їх", "він", "вона", "вони", "ми"},
		Page:        []string{"сторінка", "с"},
		Quotes:      [4]string{"«", "»", "„", "“"},
	},
	"el": {
		By:          []string{},
		Sections:    []string{"εισαγωγή", "συμπέρασμα", "συμπεράσματα", "περίληψη", "επίλογος", "πρόλογος", "συζήτηση", "ανάλυση", "μέθοδος", "μεθοδολογία", "αποτελέσματα", "σημειώσεις", "παράρτημα"},
		RefSections: []string{"βιβλιογραφία", "αναφορές", "πηγές"},
		And:         []string{"και", "ή"},
		Function:    []string{"και", "το", "η", "ο", "τα", "του", "της", "των", "να", "σε", "με", "για", "που", "δεν", "από", "είναι", "στο", "στη", "την", "τον", "οι", "ένα", "μια", "θα", "αλλά", "ως", "ότι"},
		Page:        []string{"σελίδα", "σελ"},
		Quotes:      [4]string{"«", "»", "“", "”"},
	},
}

// nameParticles are the lower-case words inside personal names in the
// languages above ("Sanne de Vries", "Ludwig van Beethoven"); they may
// stand lower-case inside a name.
var nameParticles = setOf("de", "da", "das", "do", "dos", "di", "del", "della", "du", "des", "la", "le",
	"van", "von", "der", "den", "ten", "ter", "zu", "y", "e", "bin", "ibn", "al")

// isAnd reports whether w is a conjunction (langData.And) of language d
// or of English.
func (d *langData) isAnd(w string) bool {
	w = strings.ToLower(w)
	return slices.Contains(d.And, w) || slices.Contains(langTable["en"].And, w)
}

// bylineWords are the one-word byline words of every language ("by",
// "par", "von"), for a byline word standing alone on a line above the
// author's name, which is read in any language.
var bylineWords = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range langTable {
		for _, b := range d.By {
			if !strings.Contains(b, " ") {
				m[b] = true
			}
		}
	}
	return m
}()

// interfaceWords are every language's Interface words: interfaces are
// often in English whatever the essay's language.
var interfaceWords = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range langTable {
		for _, w := range d.Interface {
			m[w] = true
		}
	}
	return m
}()

// langFor returns the data for a BCP 47 tag by its primary subtag, and
// English's for a language not in langTable.
func langFor(tag string) *langData {
	if d, ok := langTable[lang.Primary(tag)]; ok {
		return d
	}
	return langTable["en"]
}

// allSections and allRefSections are every language's section and
// reference heading names, lower-cased; see the note at the top.
var allSections, allRefSections = func() (map[string]bool, map[string]bool) {
	s, r := map[string]bool{}, map[string]bool{}
	for _, d := range langTable {
		for _, n := range d.Sections {
			s[n] = true
		}
		for _, n := range d.RefSections {
			r[n] = true
		}
	}
	return s, r
}()

// allPageWords is every language's word for "page", for page-number
// debris, which may be in any language whatever the essay's.
var allPageWords = func() []string {
	seen := map[string]bool{}
	var out []string
	for _, code := range sortedLangs() {
		for _, w := range langTable[code].Page {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}()

// pageWords is allPageWords as a regular-expression alternation.
var pageWords = func() string {
	q := make([]string, len(allPageWords))
	for i, w := range allPageWords {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}()

// sortedLangs returns langTable's codes in a fixed order (English first),
// so that anything built from the table is the same on every run.
func sortedLangs() []string {
	rest := slices.Sorted(maps.Keys(langTable))
	rest = slices.DeleteFunc(rest, func(c string) bool { return c == "en" })
	return append([]string{"en"}, rest...)
}

// functionSets caches each language's Function words as a set.
var functionSets = func() map[*langData]map[string]bool {
	m := map[*langData]map[string]bool{}
	for _, d := range langTable {
		m[d] = setOf(d.Function...)
	}
	return m
}()

func (d *langData) functionSet() map[string]bool { return functionSets[d] }

// bylineWord returns the byline word that opens t in language d or in
// English ("by", "par", "von"), with the rest of t, or ok false.
func (d *langData) bylineWord(t string) (word, rest string, ok bool) {
	for _, set := range [][]string{d.By, langTable["en"].By} {
		for _, b := range set {
			if len(t) > len(b)+1 && strings.EqualFold(t[:len(b)], b) && t[len(b)] == ' ' {
				return t[:len(b)], strings.TrimSpace(t[len(b)+1:]), true
			}
		}
	}
	return "", "", false
}
