// Package answer turns retrieval results into careerbot's answers: short, cited
// replies to career questions, course suggestions from the catalog, and topic
// summaries for moderators.
//
// An [Advisor] searches the corpus through a [retrieval.Searcher], abstains when the
// evidence is weak (naming the topics it covers), and otherwise answers in one of two
// modes:
//
//   - extractive (the default, offline): the best sentences of the top passages,
//     scored by the IDF-weighted question terms they carry (synonyms and acronyms from
//     the corpus table included), the passage's rank, a section heading that restates
//     the question, and figures when the question asks for one; when the question names
//     a credential, body or occupation, sentences about it that state what is asked (a
//     fee, an eligibility rule, an exam format, the latest figure) lead and sentences
//     about a rival credential are left out; two to four sentences, no near-duplicates
//     or restatements, about 120 words, each cited [n];
//   - llm: a streamed chat completion from any OpenAI-compatible endpoint ([LLM]),
//     confined by its system prompt to the numbered sources, with member text
//     delimited as data. Citations are checked against the sources given; on any
//     failure — an error status after retries, a stalled or malformed stream, a reply
//     without a valid citation, garbage — the extractive answer is returned instead.
//
// Sources are renumbered 1..n in order of first citation and list only what the text
// cites. The package does not import the bot core; cmd/careerbot maps its types.
package answer
