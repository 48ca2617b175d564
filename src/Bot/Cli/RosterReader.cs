using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PeerBot.Matching.Profiles;

namespace PeerBot.Bot.Cli;

/// <summary>
/// Reads people files — JSON lines, or CSV with the same column names and <c>;</c> inside lists — and validates
/// every person with <see cref="ProfileBuilder"/>, so a roster obeys exactly the rules a teacher meets in chat.
/// </summary>
public static class RosterReader
{
    // Fields that hold lists: JSON arrays and CSV's ';'-separated cells become the comma lists ProfileBuilder reads.
    private static readonly HashSet<string> ListFields = ["subjects", "grades", "focus", "availability"];

    /// <summary>Reads <paramref name="path"/> as CSV when it ends in <c>.csv</c>, as JSON lines otherwise.</summary>
    /// <param name="keepFields">False when only the profiles are wanted (<c>match</c>): each line's raw fields are then let go.</param>
    public static Roster Read(string path, bool keepFields = true)
    {
        var roster = ReadFile(path);
        return keepFields ? roster : roster with { Entries = [.. roster.Entries.Select(e => e with { Fields = NoFields })] };
    }

    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    private static Roster ReadFile(string path)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            using var text = File.OpenText(path);
            return ReadCsv(text);
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return ReadJsonLines(bytes.AsMemory(3));
        }

        // A file in UTF-16 or UTF-32 (it starts with its byte order mark) is read as text, then as UTF-8.
        return bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0, 0, 0xFE, 0xFF, ..]
            ? ReadJsonLines(new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true))
            : ReadJsonLines(bytes);
    }

    public static Roster ReadJsonLines(TextReader text) => ReadJsonLines(Encoding.UTF8.GetBytes(text.ReadToEnd()));

    /// <summary>JSON lines in UTF-8: each line parsed straight from the bytes, on all cores; ids and order settled after, in line order.</summary>
    public static Roster ReadJsonLines(ReadOnlyMemory<byte> utf8)
    {
        // Line starts, as TextReader.ReadLine splits: at \n, \r\n or a lone \r; no line after a final line break.
        var starts = new List<int>(utf8.Length / 200 + 1) { 0 };
        var span = utf8.Span;
        for (var at = span.IndexOfAny((byte)'\n', (byte)'\r'); at >= 0;)
        {
            var next = at + (span[at] == '\r' && at + 1 < span.Length && span[at + 1] == '\n' ? 2 : 1);
            starts.Add(next);
            var found = span[next..].IndexOfAny((byte)'\n', (byte)'\r');
            at = found < 0 ? -1 : next + found;
        }

        if (starts[^1] == span.Length && starts.Count > 1)
        {
            starts.RemoveAt(starts.Count - 1);
        }

        var count = starts.Count;
        var parsed = new ParsedLine[count];
        var shared = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        Parallel.ForEach(Partitioner.Create(0, count, 2048), range =>
        {
            var whole = utf8.Span;
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var from = starts[i];
                var to = i + 1 < count ? starts[i + 1] : whole.Length;
                var line = whole[from..to].TrimEnd("\r\n"u8);
                parsed[i] = ParseJsonLine(line, i + 1, shared);
            }
        });

        var builder = new Builder();
        foreach (var line in parsed)
        {
            if (line.Rejected is { } rejected)
            {
                builder.Reject(rejected);
            }
            else if (line.Fields is { } fields)
            {
                builder.Add(line.Number, line.Id, fields, line.Built);
            }
        }

        return builder.Roster();
    }

    /// <summary>
    /// One line: an object of texts, numbers, nulls and lists of texts or numbers is read with no document in
    /// between; anything else (bad JSON, a nested object, …) goes through <see cref="JsonDocument"/>, which words the
    /// rejection.
    /// </summary>
    private static ParsedLine ParseJsonLine(ReadOnlySpan<byte> line, int number, ConcurrentDictionary<string, string> shared)
    {
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return new ParsedLine(number);
        }

        var fields = TryReadFlatObject(line, shared);
        if (fields is null)
        {
            return ParseJsonLine(Encoding.UTF8.GetString(line), number);
        }

        var (id, built) = Builder.Validate(fields);
        return new ParsedLine(number) { Fields = fields, Id = id, Built = built };
    }

    /// <summary>The line's fields when it is one flat object (see <see cref="Text(JsonElement, out string)"/>), null otherwise.</summary>
    private static Dictionary<string, string>? TryReadFlatObject(ReadOnlySpan<byte> line, ConcurrentDictionary<string, string> shared)
    {
        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(12, StringComparer.OrdinalIgnoreCase);
            var items = new List<string>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = FieldName(ref reader);
                // Ids and names differ on every line; the other values repeat (roles, subjects, zones, schools).
                var repeats = name is not ("id" or "name");
                reader.Read();
                string value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        value = Value(ref reader, repeats ? shared : null);
                        break;
                    case JsonTokenType.Number:
                        value = Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.Null:
                        value = "";
                        break;
                    case JsonTokenType.StartArray:
                        items.Clear();
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                items.Add(Value(ref reader, repeats ? shared : null));
                            }
                            else if (reader.TokenType == JsonTokenType.Number)
                            {
                                items.Add(Encoding.UTF8.GetString(reader.ValueSpan));
                            }
                            else
                            {
                                return null;
                            }
                        }

                        value = items.Count switch { 0 => "", 1 => items[0], _ => string.Join(",", items) };
                        break;
                    default:
                        return null;
                }

                fields[name] = value;
            }

            // The object must have ended, with nothing after it but white space.
            return reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read() ? fields : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Bad JSON or bytes that are not UTF-8: the slow path decodes as the text reader would, and words the rejection.
            return null;
        }
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
    private static string Value(ref Utf8JsonReader reader, ConcurrentDictionary<string, string>? shared)
    {
        var raw = reader.ValueSpan;
        if (shared is null || reader.ValueIsEscaped || raw.Length > 48 || !Ascii.IsValid(raw))
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[raw.Length];
        Ascii.ToUtf16(raw, chars, out _);
        var lookup = shared.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var known))
        {
            return known;
        }

        var text = new string(chars);
        return shared.Count < 100_000 ? shared.GetOrAdd(text, text) : text;
    }

    private static readonly (string Name, byte[] Utf8)[] KnownNames =
        [.. new[] { "id", "name", "role", "subjects", "grades", "years", "school", "focus", "timezone", "availability", "capacity", "cohort" }
            .Select(n => (n, Encoding.UTF8.GetBytes(n)))];

    private static ParsedLine ParseJsonLine(string line, int number)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return new ParsedLine(number);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return new ParsedLine(number) { Rejected = new RejectedLine(number, null, $"not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')})") };
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new ParsedLine(number) { Rejected = new RejectedLine(number, null, "not a JSON object: write one person a line, {\"id\":\"…\",\"role\":\"mentee\",…}") };
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? bad = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!Text(property.Value, out var value))
                {
                    bad ??= property.Name;
                    continue;
                }

                fields[property.Name] = value;
            }

            if (bad is not null)
            {
                return new ParsedLine(number) { Rejected = new RejectedLine(number, bad, "must be a text, a number or a list of texts") };
            }

            var (id, built) = Builder.Validate(fields);
            return new ParsedLine(number) { Fields = fields, Id = id, Built = built };
        }
    }

    public static Roster ReadCsv(TextReader text)
    {
        var builder = new Builder();
        string[]? header = null;
        foreach (var record in CsvReader.Read(text))
        {
            if (record.Error is { } error)
            {
                builder.Reject(new RejectedLine(record.Line, null, error));
                continue;
            }

            if (header is null)
            {
                header = [.. record.Cells.Select(c => c.Trim())];
                foreach (var column in header.Where(c => c.Length == 0 || header.Count(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)) > 1).Distinct())
                {
                    builder.Reject(new RejectedLine(record.Line, column, column.Length == 0 ? "a column has no name" : "the column appears twice"));
                }

                if (!header.Contains("id", StringComparer.OrdinalIgnoreCase))
                {
                    builder.Reject(new RejectedLine(record.Line, "id", "the header has no id column: the first line names the columns, e.g. id,name,role,subjects"));
                }

                continue;
            }

            if (record.Cells.Count != header.Length)
            {
                builder.Reject(new RejectedLine(record.Line, null, $"has {record.Cells.Count} cells but the header names {header.Length} columns"));
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                var canonical = ProfileBuilder.FieldNames.GetValueOrDefault(header[i]);
                fields[header[i]] = canonical is not null && ListFields.Contains(canonical) ? record.Cells[i].Replace(';', ',') : record.Cells[i];
            }

            builder.Add(record.Line, fields);
        }

        return builder.Roster();
    }

    private static bool Text(JsonElement value, out string text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text = value.GetString()!;
                return true;
            case JsonValueKind.Number:
                text = value.GetRawText();
                return true;
            case JsonValueKind.Null:
                text = "";
                return true;
            case JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind is not (JsonValueKind.String or JsonValueKind.Number) || !Text(item, out var one))
                    {
                        text = "";
                        return false;
                    }

                    items.Add(one);
                }

                text = string.Join(",", items);
                return true;
            default:
                text = "";
                return false;
        }
    }

    /// <summary>Validates lines one by one, remembering ids already seen so a duplicate is rejected with the line it repeats.</summary>
    private sealed class Builder
    {
        private readonly List<RosterEntry> _entries = [];
        private readonly List<RejectedLine> _rejected = [];
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
        private readonly List<(string Written, string Stored)> _examples = [];
        private int _normalised;

        public void Reject(RejectedLine line) => _rejected.Add(line);

        /// <summary>Takes the id out of <paramref name="fields"/> and validates the rest (safe on any thread).</summary>
        public static (string Id, (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors)? Built) Validate(Dictionary<string, string> fields)
        {
            var id = (fields.GetValueOrDefault("id") ?? "").Trim();
            fields.Remove("id");
            return (id, id.Length == 0 ? null : ProfileBuilder.Build(id, id, fields));
        }

        public void Add(int line, Dictionary<string, string> fields)
        {
            var (id, built) = Validate(fields);
            Add(line, id, fields, built);
        }

        public void Add(int line, string id, Dictionary<string, string> fields, (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors)? built)
        {
            if (id.Length == 0)
            {
                Reject(new RejectedLine(line, "id", "every person needs an id (their Slack or Teams user id, or a roster id)"));
                return;
            }

            if (!_seen.TryAdd(id, line))
            {
                Reject(new RejectedLine(line, "id", $"\"{id}\" is already on line {_seen[id].ToString(CultureInfo.InvariantCulture)}"));
                return;
            }

            var (profile, errors) = built!.Value;
            if (profile is null)
            {
                _rejected.AddRange(errors.Select(e => new RejectedLine(line, e.Field, e.Message)));
                return;
            }

            _entries.Add(new RosterEntry(line, profile, fields));
            foreach (var (key, value) in fields)
            {
                if (ProfileBuilder.FieldNames.GetValueOrDefault(key) == "grades")
                {
                    Respelled(value);
                }
            }
        }

        public Roster Roster() => new(_entries, [.. _rejected.OrderBy(r => r.Line)]) { Normalised = _normalised, NormalisedExamples = _examples };

        private void Respelled(string grades)
        {
            foreach (var respelling in GradeBand.Respellings(grades))
            {
                _normalised++;
                // Three different spellings show the operator what happened without listing thousands of lines.
                if (_examples.Count < 3 && !_examples.Any(e => string.Equals(e.Written, respelling.Written, StringComparison.OrdinalIgnoreCase)))
                {
                    _examples.Add(respelling);
                }
            }
        }
    }


    /// <summary>One JSON line after parsing: skipped (blank), rejected, or its fields with the id taken out and validated.</summary>
    private readonly record struct ParsedLine(int Number)
    {
        public RejectedLine? Rejected { get; init; }

        public Dictionary<string, string>? Fields { get; init; }

        public string Id { get; init; } = "";

        public (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors)? Built { get; init; }
    }
}
