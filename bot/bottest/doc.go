// Package bottest holds fakes and helpers for testing careerbot's core and its
// adapters without the retrieval engine:
//
//   - [FakeKnowledge], a [bot.Knowledge] with canned answers that records its calls;
//   - [TestStore], the contract tests every [bot.Store] implementation must pass;
//   - [LogBuffer] and [NewLogger], a concurrency-safe log recorder;
//   - [Clock], a settable clock;
//   - [WriteChatStream] and [WriteChatError], the wire format of an
//     OpenAI-compatible chat endpoint, for fake LLM servers.
package bottest
