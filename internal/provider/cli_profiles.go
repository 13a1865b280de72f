package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// cliProfile is one profile of the UCloud CLI, merged from its config file
// entry and its credential file entry.
type cliProfile struct {
	Name       string
	PublicKey  string
	PrivateKey string
	Region     string
	Zone       string
	ProjectID  string
	BaseURL    string
	TimeoutSec int64
	Active     bool
}

// cliConfigEntry is one element of the CLI's config.json array.
type cliConfigEntry struct {
	Profile    string `json:"profile"`
	ProjectID  string `json:"project_id"`
	Region     string `json:"region"`
	Zone       string `json:"zone"`
	BaseURL    string `json:"base_url"`
	TimeoutSec int64  `json:"timeout_sec"`
	Active     bool   `json:"active"`
}

// cliCredentialEntry is one element of the CLI's credential.json array.
type cliCredentialEntry struct {
	Profile    string `json:"profile"`
	PublicKey  string `json:"public_key"`
	PrivateKey string `json:"private_key"`
}

// profileFile is a CLI file to read; named files must exist, the default
// ones may be absent.
type profileFile struct {
	path string
	// attr is the provider attribute that can name the file.
	attr string
	// source says where the path came from; empty for the default path.
	source string
}

// named reports whether the user chose the file.
func (f profileFile) named() bool { return f.source != "" }

// profileFileError is a named or default profile file that could not be
// read or parsed.
type profileFileError struct {
	file profileFile
	err  error
}

func (e *profileFileError) Error() string { return e.err.Error() }
func (e *profileFileError) Unwrap() error { return e.err }

// cliProfiles is the profiles found in the two files, in config file order
// first, then profiles that only have credentials.
type cliProfiles []cliProfile

// loadCLIProfiles reads and merges the config and credential files. The
// error is concrete so callers can say which setting chose the file.
func loadCLIProfiles(configFile, credentialFile profileFile) (cliProfiles, *profileFileError) {
	var configs []cliConfigEntry
	if err := readProfileFile(configFile, &configs); err != nil {
		return nil, err
	}
	var creds []cliCredentialEntry
	if err := readProfileFile(credentialFile, &creds); err != nil {
		return nil, err
	}

	var profiles cliProfiles
	index := map[string]int{}
	entry := func(name string) *cliProfile {
		if i, ok := index[name]; ok {
			return &profiles[i]
		}
		index[name] = len(profiles)
		profiles = append(profiles, cliProfile{Name: name})
		return &profiles[len(profiles)-1]
	}
	for _, c := range configs {
		p := entry(c.Profile)
		p.Region, p.Zone, p.ProjectID, p.BaseURL = c.Region, c.Zone, c.ProjectID, c.BaseURL
		p.TimeoutSec, p.Active = c.TimeoutSec, c.Active
	}
	for _, c := range creds {
		p := entry(c.Profile)
		p.PublicKey, p.PrivateKey = c.PublicKey, c.PrivateKey
	}
	return profiles, nil
}

// maxProfileFileBytes bounds a profile file: real ones hold a few profiles
// in well under a kilobyte each.
const maxProfileFileBytes = 1 << 20

// readProfileFile decodes a JSON array file into out. An absent default
// file and an empty file hold no profiles.
func readProfileFile(f profileFile, out any) *profileFileError {
	data, err := readSmallRegularFile(f.path, maxProfileFileBytes)
	if errors.Is(err, fs.ErrNotExist) && !f.named() {
		return nil
	}
	if err != nil {
		return &profileFileError{file: f, err: fmt.Errorf("reading %s: %w", f.path, err)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &profileFileError{file: f, err: fmt.Errorf("parsing %s (expected a JSON array of profiles): %w", f.path, err)}
	}
	return nil
}

// readSmallRegularFile reads a regular file of at most limit bytes. Other
// kinds are refused before they are opened: a FIFO would block the open,
// and a device such as /dev/zero never ends.
func readSmallRegularFile(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := checkSmallRegular(info, limit); err != nil {
		return nil, err
	}
	file, err := os.Open(path) //nolint:gosec // G304: reading the file the user named is the point.
	if err != nil {
		return nil, err
	}
	defer file.Close() //nolint:errcheck // Read only; a close error changes nothing.
	// The file may have been replaced or grown since Stat: check what was
	// opened, and read at most one byte past the limit to notice growth.
	if info, err = file.Stat(); err != nil {
		return nil, err
	}
	if err := checkSmallRegular(info, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(file, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("it grew past %d MiB while being read", limit>>20)
	}
	return data, nil
}

// checkSmallRegular refuses anything but a regular file of at most limit bytes.
func checkSmallRegular(info fs.FileInfo, limit int64) error {
	switch {
	case info.IsDir():
		return errors.New("it is a directory")
	case !info.Mode().IsRegular():
		return fmt.Errorf("it is not a regular file (file mode %s)", info.Mode().Type())
	case info.Size() > limit:
		return fmt.Errorf("it is %d bytes, more than the %d MiB a profile file may hold", info.Size(), limit>>20)
	}
	return nil
}

// expandHome replaces a leading "~/" with the home directory, as a shell
// would, since paths in HCL and environment variables are not expanded.
func expandHome(path string, lookupEnv lookupEnvFunc) string {
	rest, ok := strings.CutPrefix(path, "~/")
	if !ok {
		return path
	}
	home, err := homeDir(lookupEnv)
	if err != nil {
		return path
	}
	return filepath.Join(home, rest)
}

// homeDir is the home directory as os.UserHomeDir finds it, with its
// variable read through lookupEnv.
func homeDir(lookupEnv lookupEnvFunc) (string, error) {
	name := "HOME"
	if runtime.GOOS == "windows" {
		name = "USERPROFILE"
	}
	if home, ok := lookupEnv(name); ok && home != "" {
		return home, nil
	}
	return os.UserHomeDir()
}

// find returns the named profile.
func (ps cliProfiles) find(name string) (cliProfile, bool) {
	for _, p := range ps {
		if p.Name == name {
			return p, true
		}
	}
	return cliProfile{}, false
}

// activeName is the profile marked active in the config file, else
// "default". Of several, the last one wins, as in UCloud's SDK; all of
// them are returned so that the choice can be reported.
func (ps cliProfiles) activeName() (string, []string) {
	var active []string
	for _, p := range ps {
		if p.Active {
			active = append(active, p.Name)
		}
	}
	if len(active) == 0 {
		return defaultProfileName, nil
	}
	return active[len(active)-1], active
}

// defaultCLIFile is ~/.ucloud/<name>, or just the name when there is no home.
func defaultCLIFile(name string, lookupEnv lookupEnvFunc) string {
	home, err := homeDir(lookupEnv)
	if err != nil {
		return filepath.Join(".ucloud", name)
	}
	return filepath.Join(home, ".ucloud", name)
}
