//go:build !unix

package benchmark

// peakRSS is unknown on this system.
func peakRSS() int64 { return 0 }
