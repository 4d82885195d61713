package pdf

import (
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/essayexport/essayexport/render"
)

// cpuTime is the process's user and system CPU time. Benchmarks report
// it per operation beside ns/op, because wall time on a shared machine
// also counts other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func peakRSSMB() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024
}

func benchRender(b *testing.B, book *render.Book) {
	o := render.Defaults()
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		if _, err := Render(io.Discard, book, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkRenderSeedLike renders one essay of about 700 words with a
// heading, a list, a quotation and references.
func BenchmarkRenderSeedLike(b *testing.B) {
	benchRender(b, render.Single(sampleDoc(), "", "1 March 2026"))
}

// BenchmarkRenderParallel renders the same essay on every core.
func BenchmarkRenderParallel(b *testing.B) {
	book := render.Single(sampleDoc(), "", "1 March 2026")
	o := render.Defaults()
	b.ReportAllocs()
	c0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := Render(io.Discard, book, o); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkPack100 renders a pack of 100 essays.
func BenchmarkPack100(b *testing.B) {
	benchRender(b, packBook(100))
}

// BenchmarkPack500 renders a pack of 500 essays and reports the
// process's peak resident memory.
func BenchmarkPack500(b *testing.B) {
	benchRender(b, packBook(500))
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}
