package slack

// threadKey names a Slack thread in the adapter's [bot.ThreadSet]: the channel and
// the thread's root ts.
func threadKey(channel, threadTS string) string { return channel + "/" + threadTS }
