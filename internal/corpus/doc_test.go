package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// requireData returns the corpus folder sub of DataDir, skipping the test
// when it is absent: a plain go test must pass without the corpora.
func requireData(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(DataDir(), sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus folder %s not found (set %s to the data folder): %v", dir, EnvDataDir, err)
	}
	return dir
}

func TestDataDirEnv(t *testing.T) {
	t.Setenv(EnvDataDir, "/somewhere/else")
	if got := DataDir(); got != "/somewhere/else" {
		t.Errorf("DataDir() = %q with %s set, want its value", got, EnvDataDir)
	}
}

func TestDataDirBesideModule(t *testing.T) {
	t.Setenv(EnvDataDir, "")
	got := DataDir()
	if filepath.Base(got) != "data" || filepath.Base(filepath.Dir(got)) != "shared" {
		t.Fatalf("DataDir() = %q, want .../shared/data", got)
	}
	// The folder beside the module root holds the repository's go.mod.
	repo := filepath.Dir(filepath.Dir(got))
	entries, err := os.ReadDir(repo)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(repo, e.Name(), "go.mod")); err == nil {
			found = true
		}
	}
	if !found {
		t.Errorf("DataDir() = %q: no module beside it", got)
	}
}
