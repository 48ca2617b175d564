using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace PeerBot.MatchTool;

/// <summary>
/// The quick reading of one roster line: a flat JSON object (texts, numbers, nulls, lists of texts or numbers) read
/// straight into its (name, value) pairs, lists as the comma text <see cref="PeerBot.Matching.Profiles.ProfileBuilder"/>
/// reads. What repeats across lines (roles, schools, zones, whole lists) is made once per file and shared. Any other
/// line (bad JSON, a nested value, a name written twice) is left to the careful reading, which words the rejection.
/// </summary>
internal static class FlatJsonLine
{
    public const int MaxFields = 32;

    // A list's JSON text up to this long is remembered with the comma text it stands for.
    private const int MaxListText = 512;

    private static readonly (string Name, byte[] Utf8)[] KnownNames =
        [.. new[] { "id", "name", "role", "subjects", "grades", "years", "school", "focus", "timezone", "availability", "capacity", "cohort" }
            .Select(n => (n, Encoding.UTF8.GetBytes(n)))];

    /// <summary>Texts shared across the lines of one file.</summary>
    public sealed class Shared
    {
        private const int MaxEntries = 100_000;
        private int _texts;
        private int _lists;

        public ConcurrentDictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, string> Lists { get; } = new(StringComparer.Ordinal);

        public bool RoomForText() => Volatile.Read(ref _texts) < MaxEntries && Interlocked.Increment(ref _texts) <= MaxEntries;

        public bool RoomForList() => Volatile.Read(ref _lists) < MaxEntries && Interlocked.Increment(ref _lists) <= MaxEntries;
    }

    /// <summary>
    /// Reads <paramref name="line"/> into <paramref name="fields"/> in the order written and returns how many; -1 when
    /// the line is not a flat object whose names all differ (letter case aside), or has more than <see cref="MaxFields"/>.
    /// </summary>
    public static int TryRead(ReadOnlySpan<byte> line, Shared shared, KeyValuePair<string, string>[] fields)
    {
        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return -1;
            }

            var count = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = FieldName(ref reader);
                for (var i = 0; i < count; i++)
                {
                    if (string.Equals(fields[i].Key, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return -1;
                    }
                }

                if (count == MaxFields)
                {
                    return -1;
                }

                // Ids and names differ on every line; the other values repeat (roles, subjects, zones, schools).
                var repeats = name is not ("id" or "name");
                reader.Read();
                string value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        value = Text(ref reader, repeats ? shared : null);
                        break;
                    case JsonTokenType.Number:
                        value = (repeats ? SharedText(reader.ValueSpan, shared) : null) ?? Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.Null:
                        value = "";
                        break;
                    case JsonTokenType.StartArray:
                        var start = (int)reader.TokenStartIndex;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                            {
                                return -1;
                            }
                        }

                        value = List(line[start..(int)reader.BytesConsumed], repeats ? shared : null);
                        break;
                    default:
                        return -1;
                }

                fields[count++] = new(name, value);
            }

            // The object must have ended, with nothing after it but white space.
            return reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read() ? count : -1;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Bad JSON or bytes that are not UTF-8: the careful path decodes as the text reader would, and words the rejection.
            return -1;
        }
    }

    /// <summary>A list's comma text; the same JSON text on another line gives the same (shared) string.</summary>
    private static string List(ReadOnlySpan<byte> json, Shared? shared)
    {
        if (shared is null || json.Length > MaxListText || !Ascii.IsValid(json))
        {
            return Join(json, shared);
        }

        Span<char> chars = stackalloc char[json.Length];
        Ascii.ToUtf16(json, chars, out _);
        var lookup = shared.Lists.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var known))
        {
            return known;
        }

        var joined = Join(json, shared);
        return shared.RoomForList() ? shared.Lists.GetOrAdd(new string(chars), joined) : joined;
    }

    /// <summary>The items of a JSON list of texts and numbers, joined with commas.</summary>
    private static string Join(ReadOnlySpan<byte> json, Shared? shared)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        reader.Read();
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.String ? Text(ref reader, shared) : Encoding.UTF8.GetString(reader.ValueSpan));
        }

        return items.Count switch { 0 => "", 1 => items[0], _ => string.Join(",", items) };
    }

    /// <summary>A field's name; the names a roster repeats on every line are shared strings.</summary>
    private static string FieldName(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            foreach (var known in KnownNames)
            {
                if (reader.ValueSpan.SequenceEqual(known.Utf8))
                {
                    return known.Name;
                }
            }
        }

        return reader.GetString()!;
    }

    /// <summary>A text value; short ones that repeat across lines are shared strings when <paramref name="shared"/> is given.</summary>
    private static string Text(ref Utf8JsonReader reader, Shared? shared) =>
        shared is null || reader.ValueIsEscaped ? reader.GetString()! : SharedText(reader.ValueSpan, shared) ?? reader.GetString()!;

    /// <summary>The shared string for short ASCII <paramref name="raw"/>, added when new; null for other text.</summary>
    private static string? SharedText(ReadOnlySpan<byte> raw, Shared shared)
    {
        if (raw.Length > 48 || !Ascii.IsValid(raw))
        {
            return null;
        }

        Span<char> chars = stackalloc char[raw.Length];
        Ascii.ToUtf16(raw, chars, out _);
        var lookup = shared.Texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var known))
        {
            return known;
        }

        var text = new string(chars);
        return shared.RoomForText() ? shared.Texts.GetOrAdd(text, text) : text;
    }
}
