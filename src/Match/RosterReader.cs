using System.Globalization;
using System.Text;
using System.Text.Json;
using PeerBot.Matching.Profiles;

namespace PeerBot.MatchTool;

/// <summary>
/// Reads people files — JSON lines, or CSV with the same column names and <c>;</c> inside lists — and validates
/// every person with <see cref="ProfileBuilder"/>, so a roster obeys exactly the rules a teacher meets in chat.
/// </summary>
public static partial class RosterReader
{
    // Fields that hold lists: JSON arrays and CSV's ';'-separated cells become the comma lists ProfileBuilder reads.
    private static readonly HashSet<string> ListFields = ["subjects", "grades", "focus", "availability"];

    /// <summary>Reads <paramref name="path"/> as CSV when it ends in <c>.csv</c>, as JSON lines otherwise.</summary>
    /// <param name="keepFields">False when only the profiles are wanted (<c>match</c>): each line's raw fields are then not kept.</param>
    public static Roster Read(string path, bool keepFields = true) => Read(path, keepFields, BlockBytes);

    /// <summary>The same, reading the file <paramref name="blockBytes"/> at a time (tests use small blocks to cut lines anywhere).</summary>
    internal static Roster Read(string path, bool keepFields, int blockBytes)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            using var text = File.OpenText(path);
            return ReadCsv(text, keepFields);
        }

        using var file = File.OpenHandle(path);
        // At least the four bytes that tell the encoding.
        var buffer = GC.AllocateUninitializedArray<byte>((int)Math.Clamp(RandomAccess.GetLength(file), 4, Math.Max(4, blockBytes)));
        var filled = Fill(file, buffer, 0, 0);

        // A file in UTF-16 or UTF-32 (it starts with its byte order mark) is read as text, then as UTF-8.
        if (buffer.AsSpan(0, filled) is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0, 0, 0xFE, 0xFF, ..])
        {
            using var text = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return ReadJsonLines(text, keepFields);
        }

        return ReadJsonLines(file, buffer, filled, keepFields);
    }

    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    public static Roster ReadJsonLines(TextReader text, bool keepFields = true) => ReadJsonLines(Encoding.UTF8.GetBytes(text.ReadToEnd()), keepFields);

    /// <summary>JSON lines in UTF-8: each line parsed straight from the bytes, on all cores; ids and order settled after, in line order.</summary>
    public static Roster ReadJsonLines(ReadOnlyMemory<byte> utf8, bool keepFields = true)
    {
        var lines = new Lines(keepFields, utf8.Length / 256);
        lines.Parse(utf8, 1);
        return lines.Roster();
    }

    private const int LinesPerBlock = 256;

    /// <summary>
    /// One line: a flat object of distinct names is read with no document in between (<see cref="FlatJsonLine"/>);
    /// anything else (bad JSON, a nested object, a name written twice, …) goes through <see cref="JsonDocument"/>,
    /// which words the rejection.
    /// </summary>
    private static ParsedLine ParseJsonLine(
        ReadOnlySpan<byte> line, int number, FlatJsonLine.Shared shared, KeyValuePair<string, string>[] fields, PlainJsonLine? plain)
    {
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return new ParsedLine(number) { Blank = true };
        }

        // For a match (no fields kept), most lines are plain: their values are parsed once per file, not once per line.
        if (plain is not null && plain.TryRead(line, out var plainId, out var plainBuilt, out var plainGrades))
        {
            return new ParsedLine(number) { Id = plainId, Built = plainBuilt, Flat = true, Grades = plainGrades };
        }

        var keepFields = plain is null;
        var count = FlatJsonLine.TryRead(line, shared, fields);
        if (count < 0)
        {
            return ParseJsonLine(Encoding.UTF8.GetString(line), number);
        }

        // The id is taken out; the rest are validated in the order written, as the dictionary of the careful path would be.
        var id = "";
        string? grades = null;
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var (name, value) = fields[i];
            if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase))
            {
                id = value.Trim();
                continue;
            }

            if (ProfileBuilder.FieldNames.GetValueOrDefault(name) == "grades")
            {
                if (grades is not null)
                {
                    // "grade" and "grades" both given: the careful path counts each respelling.
                    return ParseJsonLine(Encoding.UTF8.GetString(line), number);
                }

                grades = value;
            }

            fields[kept++] = fields[i];
        }

        var given = fields.AsSpan(0, kept);
        return new ParsedLine(number)
        {
            Id = id,
            Built = id.Length == 0 ? null : ProfileBuilder.Build(id, id, given),
            Fields = keepFields ? Dictionary(given) : null,
            Flat = true,
            Grades = grades,
        };
    }

    private static Dictionary<string, string> Dictionary(ReadOnlySpan<KeyValuePair<string, string>> fields)
    {
        var dictionary = new Dictionary<string, string>(fields.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }

    private static ParsedLine ParseJsonLine(string line, int number)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return new ParsedLine(number) { Blank = true };
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

    public static Roster ReadCsv(TextReader text, bool keepFields = true)
    {
        var builder = new Builder(keepFields, 0);
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
    private sealed class Builder(bool keepFields, int lines)
    {
        private readonly List<RosterEntry> _entries = new(lines);
        private readonly List<RejectedLine> _rejected = [];
        private readonly Dictionary<string, int> _seen = new(lines, StringComparer.Ordinal);
        private readonly List<(string Written, string Stored)> _examples = [];
        // A roster writes the same few grade lists on every line: each list's respellings are found once.
        private readonly Dictionary<string, (string Written, string Stored)[]> _respellings = new(StringComparer.Ordinal);
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
            Add(line, id, fields, built, flat: false, grades: null);
        }

        /// <param name="flat">The line was read by <see cref="FlatJsonLine"/>: <paramref name="grades"/> is its one grades value, if any.</param>
        public void Add(
            int line, string id, IReadOnlyDictionary<string, string>? fields,
            (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors)? built, bool flat, string? grades)
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

            _entries.Add(new RosterEntry(line, profile, keepFields && fields is not null ? fields : NoFields));
            if (flat)
            {
                if (grades is not null)
                {
                    Respelled(grades);
                }

                return;
            }

            foreach (var (key, value) in fields!)
            {
                if (ProfileBuilder.FieldNames.GetValueOrDefault(key) == "grades")
                {
                    Respelled(value);
                }
            }
        }

        public Roster Roster() => new(_entries, _rejected.Count == 0 ? [] : [.. _rejected.OrderBy(r => r.Line)])
        {
            Normalised = _normalised,
            NormalisedExamples = _examples,
        };

        private void Respelled(string grades)
        {
            if (!_respellings.TryGetValue(grades, out var respellings))
            {
                respellings = [.. GradeBand.Respellings(grades)];
                _respellings[grades] = respellings;
            }

            foreach (var respelling in respellings)
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

    /// <summary>One JSON line after parsing: blank, rejected, or its id taken out and the rest validated.</summary>
    private readonly record struct ParsedLine(int Number)
    {
        public bool Blank { get; init; }

        public RejectedLine? Rejected { get; init; }

        /// <summary>The raw fields without the id: always from the careful path, from a flat line only when they are kept.</summary>
        public Dictionary<string, string>? Fields { get; init; }

        public string Id { get; init; } = "";

        public (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors)? Built { get; init; }

        /// <summary>Read by <see cref="FlatJsonLine"/>; <see cref="Grades"/> is then its grades value (null when it gave none).</summary>
        public bool Flat { get; init; }

        public string? Grades { get; init; }
    }
}
