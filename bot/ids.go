package bot

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
)

// userHashLen is how many hex digits of the salted SHA-256 a hashed user id keeps
// (64 bits: unique enough for reports, useless for recovering the id).
const userHashLen = 16

// HashUser returns the pseudonymous id stored and logged for a platform user: the hex
// SHA-256 of salt, platform and user id, truncated. With a secret salt the platform id
// cannot be recovered from it, even by enumerating ids.
func HashUser(salt, platform, userID string) string {
	h := sha256.New()
	for _, s := range []string{salt, platform, userID} {
		h.Write([]byte(s))
		h.Write([]byte{0}) // separator: ("ab","c") and ("a","bc") hash differently
	}
	return hex.EncodeToString(h.Sum(nil))[:userHashLen]
}

// newAnswerID returns a random 16-hex-digit answer id.
func newAnswerID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand panics rather than return an error)
	return hex.EncodeToString(b[:])
}

// validAnswerID reports whether s looks like an id made by newAnswerID (or any
// short hex id), so feedback buttons cannot smuggle arbitrary text into the store.
func validAnswerID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
