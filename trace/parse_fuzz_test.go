package trace

import "testing"

// FuzzParse: no text makes the parser panic, and whatever it accepts prints to a text that
// parses back to an equal trace and prints the same again. Run it with
// go test -run '^$' -fuzz FuzzParse ./trace/
func FuzzParse(f *testing.F) {
	for _, text := range roundTrips {
		f.Add(text)
	}
	for _, c := range invalidTexts {
		f.Add(c.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tr, err := ParseWith(text, sym)
		if err != nil {
			return
		}
		_ = Validate(tr) // must not panic either
		printed := tr.Format(sym)
		back, err := ParseWith(printed, sym)
		if err != nil {
			t.Fatalf("the printed trace does not parse: %v\n%s", err, printed)
		}
		if d := Diff(tr, back); d != "" {
			t.Fatalf("round trip: %s\n%s", d, printed)
		}
		if again := back.Format(sym); again != printed {
			t.Fatalf("printing is not stable:\n%s\n%s", printed, again)
		}
	})
}
