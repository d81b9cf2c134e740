// Package peers compares the retrieval engine with peer search libraries on the same
// corpus and questions. It is a module of its own so that the main module does not
// depend on the peers.
package peers
