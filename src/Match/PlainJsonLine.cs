using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using PeerBot.Matching.Profiles;

namespace PeerBot.MatchTool;

/// <summary>
/// The quickest reading of a roster line, for <c>match</c>: a flat JSON object whose names are written as the fields'
/// own lower-case spellings (each field once) and whose texts have no escapes, read straight from its bytes. Each value
/// is parsed for its field by <see cref="ProfileBuilder.Parse"/> once and reused for every later line that writes the
/// same bytes for the same field, so only a line's id and name become new strings. Any other line is refused (false)
/// and read as before by <see cref="FlatJsonLine"/> or the careful path, which word what is wrong with it.
/// One instance per thread: it keeps what it has parsed.
/// </summary>
internal sealed class PlainJsonLine
{
    private const int Id = 11;

    // A text's content ends at its closing quote; an escape or a control character sends the line to the other readers.
    private static readonly SearchValues<byte> TextStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', .. Enumerable.Range(0, 32).Select(b => (byte)b)]);

    private readonly FieldValue[] _values = new FieldValue[Id];
    private readonly Memo _memo = new();

    /// <summary>
    /// Reads <paramref name="line"/> and builds its person; false (and nothing built) when the line is not plain, its
    /// id is not a plain text or number, or a text is not UTF-8. <paramref name="grades"/> is the grades text it gave.
    /// </summary>
    public bool TryRead(
        ReadOnlySpan<byte> line, out string id, out (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors) built, out string? grades)
    {
        id = "";
        built = default;
        grades = null;
        var count = 0;
        var seen = 0;
        var i = Skip(line, 0);
        if (i == line.Length || line[i] != '{')
        {
            return false;
        }

        i = Skip(line, i + 1);
        while (true)
        {
            // "name":
            if (i == line.Length || line[i] != '"' || TextEnd(line, i) is not (var nameEnd and >= 0))
            {
                return false;
            }

            var kind = Kind(line[(i + 1)..(nameEnd - 1)]);
            if (kind < 0 || (seen & (1 << kind)) != 0)
            {
                return false;
            }

            seen |= 1 << kind;
            i = Skip(line, nameEnd);
            if (i == line.Length || line[i] != ':')
            {
                return false;
            }

            var start = Skip(line, i + 1);
            var (end, type) = ValueEnd(line, start);
            if (end < 0)
            {
                return false;
            }

            var raw = type == Token.Text ? line[(start + 1)..(end - 1)] : line[start..end];
            if (kind == Id || kind == (int)ProfileField.Name)
            {
                // Different on every line: made, not remembered.
                if (type == Token.List || Text(raw, type) is not { } text)
                {
                    return false;
                }

                if (kind == Id)
                {
                    id = text.Trim();
                }
                else
                {
                    _values[count++] = ProfileBuilder.Parse(ProfileField.Name, text);
                }
            }
            else
            {
                var field = (ProfileField)kind;
                if (!_memo.TryGet(field, type, raw, out var value, out var text))
                {
                    if (Text(raw, type) is not { } made)
                    {
                        return false;
                    }

                    text = made;
                    value = ProfileBuilder.Parse(field, text);
                    _memo.Add(field, type, raw, value, text);
                }

                _values[count++] = value;
                if (field == ProfileField.Grades)
                {
                    grades = text;
                }
            }

            i = Skip(line, end);
            if (i < line.Length && line[i] == ',')
            {
                i = Skip(line, i + 1);
                continue;
            }

            if (i < line.Length && line[i] == '}' && Skip(line, i + 1) == line.Length)
            {
                break;
            }

            return false;
        }

        if (id.Length == 0)
        {
            return false;
        }

        built = ProfileBuilder.Build(id, id, _values.AsSpan(0, count));
        return true;
    }

    private enum Token : byte
    {
        Text,
        Number,
        Null,
        List,
    }

    /// <summary>The field a name stands for (<see cref="Id"/> for the id), written exactly as in <see cref="ProfileBuilder.FieldNames"/>; -1 for any other spelling.</summary>
    private static int Kind(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => Id,
        2 when name.SequenceEqual("tz"u8) => (int)ProfileField.TimeZone,
        4 when name.SequenceEqual("name"u8) => (int)ProfileField.Name,
        4 when name.SequenceEqual("role"u8) => (int)ProfileField.Role,
        5 when name.SequenceEqual("years"u8) => (int)ProfileField.Years,
        5 when name.SequenceEqual("focus"u8) => (int)ProfileField.Focus,
        5 when name.SequenceEqual("grade"u8) => (int)ProfileField.Grades,
        5 when name.SequenceEqual("avail"u8) => (int)ProfileField.Availability,
        6 when name.SequenceEqual("grades"u8) => (int)ProfileField.Grades,
        6 when name.SequenceEqual("school"u8) => (int)ProfileField.School,
        6 when name.SequenceEqual("cohort"u8) => (int)ProfileField.Cohort,
        7 when name.SequenceEqual("subject"u8) => (int)ProfileField.Subjects,
        8 when name.SequenceEqual("subjects"u8) => (int)ProfileField.Subjects,
        8 when name.SequenceEqual("timezone"u8) => (int)ProfileField.TimeZone,
        8 when name.SequenceEqual("capacity"u8) => (int)ProfileField.Capacity,
        12 when name.SequenceEqual("availability"u8) => (int)ProfileField.Availability,
        _ => -1,
    };

    /// <summary>The value as the other readers give it to <see cref="ProfileBuilder"/> (a list as its items joined by commas); null when a text is not UTF-8.</summary>
    private static string? Text(ReadOnlySpan<byte> raw, Token type)
    {
        switch (type)
        {
            case Token.Null:
                return "";
            case Token.Number:
                return Encoding.ASCII.GetString(raw);
            case Token.Text:
                return Utf8.IsValid(raw) ? Encoding.UTF8.GetString(raw) : null;
        }

        // A list already checked by ValueEnd: texts and numbers between commas.
        var items = new List<string>();
        var i = Skip(raw, 1);
        while (raw[i] != ']')
        {
            var (end, item) = ValueEnd(raw, i);
            var text = Text(item == Token.Text ? raw[(i + 1)..(end - 1)] : raw[i..end], item);
            if (text is null)
            {
                return null;
            }

            items.Add(text);
            i = Skip(raw, end);
            if (raw[i] == ',')
            {
                i = Skip(raw, i + 1);
            }
        }

        return items.Count switch { 0 => "", 1 => items[0], _ => string.Join(",", items) };
    }

    private static int Skip(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>Where the text starting with the quote at <paramref name="i"/> ends (after its closing quote); -1 when it has an escape or a control character, or never ends.</summary>
    private static int TextEnd(ReadOnlySpan<byte> line, int i)
    {
        var length = line[(i + 1)..].IndexOfAny(TextStops);
        return length >= 0 && line[i + 1 + length] == '"' ? i + length + 2 : -1;
    }

    /// <summary>Where the value at <paramref name="i"/> ends, and what it is: a plain text, a number, null, or a list of those texts and numbers; -1 for anything else.</summary>
    private static (int End, Token Type) ValueEnd(ReadOnlySpan<byte> line, int i)
    {
        if (i == line.Length)
        {
            return (-1, Token.Null);
        }

        switch (line[i])
        {
            case (byte)'"':
                return (TextEnd(line, i), Token.Text);
            case (byte)'n':
                return (line[i..].StartsWith("null"u8) ? i + 4 : -1, Token.Null);
            case (byte)'[':
                var at = Skip(line, i + 1);
                if (at < line.Length && line[at] == ']')
                {
                    return (at + 1, Token.List);
                }

                while (true)
                {
                    var item = at < line.Length && line[at] == '"' ? TextEnd(line, at) : NumberEnd(line, at);
                    if (item < 0)
                    {
                        return (-1, Token.List);
                    }

                    at = Skip(line, item);
                    if (at < line.Length && line[at] == ',')
                    {
                        at = Skip(line, at + 1);
                    }
                    else
                    {
                        return (at < line.Length && line[at] == ']' ? at + 1 : -1, Token.List);
                    }
                }

            default:
                return (NumberEnd(line, i), Token.Number);
        }
    }

    /// <summary>Where the JSON number at <paramref name="i"/> ends: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; -1 when none starts there.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> line, int i)
    {
        if (i < line.Length && line[i] == '-')
        {
            i++;
        }

        if (i < line.Length && line[i] == '0')
        {
            i++;
        }
        else if (Digits(line, i) is var digits and > 0)
        {
            i += digits;
        }
        else
        {
            return -1;
        }

        if (i < line.Length && line[i] == '.')
        {
            if (Digits(line, i + 1) is not (var fraction and > 0))
            {
                return -1;
            }

            i += 1 + fraction;
        }

        if (i < line.Length && line[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < line.Length && line[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (Digits(line, i) is not (var exponent and > 0))
            {
                return -1;
            }

            i += exponent;
        }

        return i;
    }

    private static int Digits(ReadOnlySpan<byte> line, int i)
    {
        var n = 0;
        while (i + n < line.Length && char.IsAsciiDigit((char)line[i + n]))
        {
            n++;
        }

        return n;
    }

    /// <summary>
    /// The values parsed so far, by field and exact bytes (a text and a list that look alike are different keys):
    /// an open-addressing table over one block of key bytes, bounded so an odd roster cannot grow it without end.
    /// </summary>
    private sealed class Memo
    {
        // A state roster writes tens of thousands of distinct availability lists; past these bounds a value is parsed each time.
        private const int MaxEntries = 1 << 18;
        private const int MaxKeyBytes = 16 << 20;
        private const int MaxKey = 256;

        private int[] _slots = new int[1 << 12];
        private Entry[] _entries = new Entry[1 << 11];
        private byte[] _keys = new byte[1 << 16];
        private int _count;
        private int _used;

        public bool TryGet(ProfileField field, Token type, ReadOnlySpan<byte> raw, out FieldValue value, out string text)
        {
            if (raw.Length <= MaxKey)
            {
                var hash = Hash(field, type, raw);
                var mask = _slots.Length - 1;
                for (var slot = hash & mask; _slots[slot] is var index and > 0; slot = (slot + 1) & mask)
                {
                    ref readonly var entry = ref _entries[index];
                    if (entry.Hash == hash && entry.Field == field && entry.Type == type && _keys.AsSpan(entry.Start, entry.Length).SequenceEqual(raw))
                    {
                        value = entry.Value;
                        text = entry.Text;
                        return true;
                    }
                }
            }

            value = default;
            text = "";
            return false;
        }

        public void Add(ProfileField field, Token type, ReadOnlySpan<byte> raw, in FieldValue value, string text)
        {
            if (raw.Length > MaxKey || _count == MaxEntries || _used + raw.Length > MaxKeyBytes)
            {
                return;
            }

            if (_used + raw.Length > _keys.Length)
            {
                Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _used + raw.Length));
            }

            if (_count + 1 == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            raw.CopyTo(_keys.AsSpan(_used));
            var hash = Hash(field, type, raw);
            _entries[++_count] = new Entry(hash, field, type, _used, raw.Length, value, text);
            _used += raw.Length;
            if (_count * 2 > _slots.Length)
            {
                // At most half full: a look-up ends at an empty slot after a step or two.
                _slots = new int[_slots.Length * 2];
                for (var index = 1; index <= _count; index++)
                {
                    Place(index);
                }
            }
            else
            {
                Place(_count);
            }
        }

        private void Place(int index)
        {
            var mask = _slots.Length - 1;
            var slot = _entries[index].Hash & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = index;
        }

        private static int Hash(ProfileField field, Token type, ReadOnlySpan<byte> raw)
        {
            const ulong Mix = 0x9E3779B97F4A7C15;
            var h = ((ulong)field << 40 | (ulong)type << 32 | (uint)raw.Length) * Mix;
            var i = 0;
            for (; i + 8 <= raw.Length; i += 8)
            {
                h = BitOperations.RotateLeft(h ^ MemoryMarshal.Read<ulong>(raw[i..]), 29) * Mix;
            }

            if (i < raw.Length)
            {
                ulong tail = 0;
                raw[i..].CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref tail)));
                h = BitOperations.RotateLeft(h ^ tail, 29) * Mix;
            }

            return (int)((h ^ (h >> 32)) & int.MaxValue);
        }

        private readonly record struct Entry(int Hash, ProfileField Field, Token Type, int Start, int Length, FieldValue Value, string Text);
    }
}
