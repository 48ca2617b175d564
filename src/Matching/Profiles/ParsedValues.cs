using System.Collections.Concurrent;

namespace PeerBot.Matching.Profiles;

/// <summary>
/// A field's text parsed once and remembered: a state roster writes the same few subject, grade and availability lists
/// on thousands of lines. Bounded (entries and length), so free text from chat cannot grow it without end; past the
/// bound a text is simply parsed each time. The parse must depend on the text alone, and its result is shared.
/// </summary>
internal sealed class ParsedValues<T>(Func<string, T> parse)
    where T : class
{
    private const int MaxEntries = 16_384;
    private const int MaxLength = 256;

    private readonly ConcurrentDictionary<string, T> _known = new(StringComparer.Ordinal);
    private int _room = MaxEntries;

    /// <param name="remember">False when the caller keeps the result itself (a roster reader's own table of values):
    /// the text is parsed without looking here or adding to this.</param>
    public T Get(string text, bool remember = true)
    {
        if (!remember)
        {
            return parse(text);
        }

        if (_known.TryGetValue(text, out var known))
        {
            return known;
        }

        var parsed = parse(text);
        if (text.Length <= MaxLength && Volatile.Read(ref _room) > 0 && Interlocked.Decrement(ref _room) >= 0)
        {
            // Two threads may parse the same new text at once: the first result stays, both are equal.
            return _known.GetOrAdd(text, parsed);
        }

        return parsed;
    }
}
