using System.Globalization;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Explanations;

/// <summary>
/// One "why" sentence being written: clauses joined by "; ", capitalised, ending in a full stop. Each thread keeps
/// one buffer, so a round's tens of thousands of sentences each cost one string and nothing else for the collector.
/// </summary>
internal sealed class SentenceBuffer
{
    [ThreadStatic]
    private static SentenceBuffer? t_current;

    private char[] _chars = new char[256];
    private int _length;
    private int _clauses;

    // Intervals worked on while finding when everyone can meet: two lists, used in turn.
    private readonly WeekInterval[][] _intervals = [new WeekInterval[16], new WeekInterval[16]];

    /// <summary>This thread's buffer, emptied.</summary>
    public static SentenceBuffer Start()
    {
        var buffer = t_current ??= new SentenceBuffer();
        buffer._length = 0;
        buffer._clauses = 0;
        return buffer;
    }

    /// <summary>Room for at least <paramref name="count"/> intervals: list <paramref name="turn"/> (0 or 1), reused.</summary>
    public Span<WeekInterval> Intervals(int turn, int count)
    {
        if (_intervals[turn].Length < count)
        {
            _intervals[turn] = new WeekInterval[Math.Max(count, _intervals[turn].Length * 2)];
        }

        return _intervals[turn];
    }

    /// <summary>Starts the next clause.</summary>
    public void Clause()
    {
        if (_clauses++ > 0)
        {
            Append("; ");
        }
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    public void Append(int number)
    {
        int written;
        while (!number.TryFormat(_chars.AsSpan(_length), out written, default, CultureInfo.InvariantCulture))
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _length += written;
    }

    /// <summary>Two digits, as a clock writes minutes.</summary>
    public void AppendTwoDigits(int number)
    {
        Append([(char)('0' + (number / 10)), (char)('0' + (number % 10))]);
    }

    /// <summary>The sentence: its clauses capitalised and closed, or the honest fallback when there are none.</summary>
    public string Finish()
    {
        if (_clauses == 0)
        {
            return "You were each other's closest fit in this round.";
        }

        if (_length > 0)
        {
            _chars[0] = char.ToUpperInvariant(_chars[0]);
        }

        Append(".");
        return new string(_chars, 0, _length);
    }
}
