using System.Globalization;
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
    public static Roster Read(string path)
    {
        using var text = File.OpenText(path);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(text) : ReadJsonLines(text);
    }

    public static Roster ReadJsonLines(TextReader text)
    {
        var lines = new List<string>();
        while (text.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        // Lines are parsed and validated on all cores (a state roster is 100k+ lines); ids and order are settled after, in line order.
        var parsed = new ParsedLine[lines.Count];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, lines.Count, 2048), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                parsed[i] = ParseJsonLine(lines[i], i + 1);
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
