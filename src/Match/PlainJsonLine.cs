using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
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
/// One instance per file, shared by the threads reading it.
/// </summary>
internal sealed class PlainJsonLine
{
    private const int Id = 11;

    // A text's content ends at its closing quote; an escape or a control character sends the line to the other readers.
    private static readonly SearchValues<byte> TextStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', .. Enumerable.Range(0, 32).Select(b => (byte)b)]);

    // One bit per hash of the availability lists met so far (256 KB): a 130,000-line roster of lists all different
    // finds one of them "met before" about one time in sixteen.
    private const int MetBits = 1 << 21;

    private readonly Memo _memo = new();
    private readonly long[] _met = new long[MetBits / 64];

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
        var values = default(Values);
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
                    values[count++] = ProfileBuilder.Parse(ProfileField.Name, text);
                }
            }
            else
            {
                var field = (ProfileField)kind;
                if (_memo.Find(field, type, raw) is var found and > 0)
                {
                    ref readonly var entry = ref _memo[found];
                    values[count++] = entry.Value;
                    if (field == ProfileField.Grades)
                    {
                        grades = entry.Text;
                    }
                }
                else if (field == ProfileField.Availability && type == Token.List && TryAvailability(raw, out var windows))
                {
                    // A list met again (a state roster: 21,885 lists on 130,000 lines) is kept whole, so the people who
                    // write it share one array (the round pool works out each distinct list once); a list met once (a
                    // dense roster: 4-8 slots a person, nearly every list their own) is not added for nothing.
                    if (MetBefore(raw) && _memo.Add(field, type, raw, windows, "") is var kept and > 0)
                    {
                        windows = _memo[kept].Value;
                    }

                    values[count++] = windows;
                }
                else
                {
                    if (Text(raw, type) is not { } text)
                    {
                        return false;
                    }

                    // Another thread may have parsed the same value meanwhile: every line then gets the one kept.
                    var parsed = ProfileBuilder.Parse(field, text, remember: false);
                    if (_memo.Add(field, type, raw, parsed, text) is var kept and > 0)
                    {
                        ref readonly var entry = ref _memo[kept];
                        parsed = entry.Value;
                        text = entry.Text;
                    }

                    values[count++] = parsed;
                    if (field == ProfileField.Grades)
                    {
                        grades = text;
                    }
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

        built = ProfileBuilder.Build(id, id, ((ReadOnlySpan<FieldValue>)values)[..count]);
        return true;
    }

    /// <summary>
    /// An availability list from its items, each looked up (or parsed once) as the text it is: a dense roster gives each
    /// person a list of their own (130,000 lines, 130,000 lists) drawn from a few dozen slots, so remembering whole lists
    /// parsed each one and kept it for nothing. False when an item is a number, has errors, or the list is long: the
    /// whole list is then read as the other values are.
    /// </summary>
    private bool TryAvailability(ReadOnlySpan<byte> raw, out FieldValue windows)
    {
        windows = default;
        var items = default(Items);
        var count = 0;
        var i = Skip(raw, 1);
        while (raw[i] != ']')
        {
            var (end, item) = ValueEnd(raw, i);
            if (item != Token.Text || count == ItemsAtMost)
            {
                return false;
            }

            var content = raw[(i + 1)..(end - 1)];
            var found = _memo.Find(ProfileField.Availability, Token.Text, content);
            if (found == 0)
            {
                if (!Utf8.IsValid(content))
                {
                    return false;
                }

                var text = Encoding.UTF8.GetString(content);
                found = _memo.Add(ProfileField.Availability, Token.Text, content, ProfileBuilder.Parse(ProfileField.Availability, text, remember: false), text);
                if (found == 0)
                {
                    return false;
                }
            }

            items[count++] = _memo[found].Value;
            i = Skip(raw, end);
            if (raw[i] == ',')
            {
                i = Skip(raw, i + 1);
            }
        }

        return ProfileBuilder.TryJoinAvailability(((ReadOnlySpan<FieldValue>)items)[..count], out windows);
    }

    private const int ItemsAtMost = 16;

    /// <summary>Whether an availability list with <paramref name="raw"/>'s hash was met before; marks it met. Another list
    /// may share the hash: that list is then kept whole too, which only costs an entry.</summary>
    private bool MetBefore(ReadOnlySpan<byte> raw)
    {
        var bit = Memo.Hash(ProfileField.Availability, Token.List, raw) & (MetBits - 1);
        var mask = 1L << (bit & 63);
        ref var word = ref _met[bit >> 6];
        return (Volatile.Read(ref word) & mask) != 0 || (Interlocked.Or(ref word, mask) & mask) != 0;
    }

    /// <summary>An availability list's items, parsed, on the stack.</summary>
    [InlineArray(ItemsAtMost)]
    private struct Items
    {
        private FieldValue _first;
    }

    /// <summary>A line's parsed fields, on the stack: at most one per field.</summary>
    [InlineArray(Id)]
    private struct Values
    {
        private FieldValue _first;
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

        // A list already checked by ValueEnd: its items' texts and numbers joined by commas, decoded once (the items
        // are valid UTF-8 exactly when the joined bytes are: a comma cannot complete or start a multi-byte character).
        var joined = raw.Length <= 512 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        var length = 0;
        var i = Skip(raw, 1);
        while (raw[i] != ']')
        {
            var (end, item) = ValueEnd(raw, i);
            var content = item == Token.Text ? raw[(i + 1)..(end - 1)] : raw[i..end];
            if (length > 0)
            {
                joined[length++] = (byte)',';
            }

            content.CopyTo(joined[length..]);
            length += content.Length;
            i = Skip(raw, end);
            if (raw[i] == ',')
            {
                i = Skip(raw, i + 1);
            }
        }

        return Utf8.IsValid(joined[..length]) ? Encoding.UTF8.GetString(joined[..length]) : null;
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
    /// The values parsed so far, by field and exact bytes (a text and a list that look alike are different keys), shared
    /// by the threads reading one file: looked up without a lock (entries are only ever added, each published after it
    /// is written), added under one. Bounded so an odd roster cannot grow it without end.
    /// </summary>
    private sealed class Memo
    {
        // A state roster writes tens of thousands of distinct availability lists; past these bounds a value is parsed each time.
        private const int ChunkBits = 12;
        private const int MaxEntries = (1 << 18) - 1;
        private const int MaxKey = 256;

        private readonly Lock _gate = new();
        private readonly Entry[]?[] _chunks = new Entry[]?[(MaxEntries >> ChunkBits) + 1];
        private long[] _slots = new long[1 << 12];
        private int _count;

        public ref readonly Entry this[int index] => ref _chunks[index >> ChunkBits]![index & ((1 << ChunkBits) - 1)];

        /// <summary>The entry (1 and up) holding <paramref name="raw"/>'s value for <paramref name="field"/>; 0 when none does.</summary>
        public int Find(ProfileField field, Token type, ReadOnlySpan<byte> raw) =>
            raw.Length > MaxKey ? 0 : Find(Volatile.Read(ref _slots), Hash(field, type, raw), field, type, raw);

        /// <summary>Keeps <paramref name="value"/> for <paramref name="raw"/> unless an entry already holds it; that entry, or 0 when there is no room.</summary>
        public int Add(ProfileField field, Token type, ReadOnlySpan<byte> raw, in FieldValue value, string text)
        {
            if (raw.Length > MaxKey)
            {
                return 0;
            }

            var hash = Hash(field, type, raw);
            lock (_gate)
            {
                if (Find(_slots, hash, field, type, raw) is var found and > 0)
                {
                    return found;
                }

                if (_count == MaxEntries)
                {
                    return 0;
                }

                var index = ++_count;
                var chunk = _chunks[index >> ChunkBits] ??= new Entry[1 << ChunkBits];
                chunk[index & ((1 << ChunkBits) - 1)] = new Entry(hash, field, type, raw.ToArray(), value, text);
                if (index * 2 > _slots.Length)
                {
                    // At most half full, so a look-up ends at an empty slot after a step or two; readers still holding
                    // the old table find what it had, and look again under the lock for the rest.
                    var bigger = new long[_slots.Length * 2];
                    for (var i = 1; i <= index; i++)
                    {
                        Place(bigger, i, this[i].Hash);
                    }

                    Volatile.Write(ref _slots, bigger);
                }
                else
                {
                    Place(_slots, index, hash);
                }

                return index;
            }
        }

        private int Find(long[] slots, int hash, ProfileField field, Token type, ReadOnlySpan<byte> raw)
        {
            // A slot holds the entry's hash beside its index: only an entry whose hash matches is looked at.
            var mask = slots.Length - 1;
            for (var slot = hash & mask; Volatile.Read(ref slots[slot]) is var taken and not 0; slot = (slot + 1) & mask)
            {
                if ((int)(taken >> 32) == hash)
                {
                    ref readonly var entry = ref this[(int)taken];
                    if (entry.Field == field && entry.Type == type && entry.Key.AsSpan().SequenceEqual(raw))
                    {
                        return (int)taken;
                    }
                }
            }

            return 0;
        }

        private static void Place(long[] slots, int index, int hash)
        {
            var mask = slots.Length - 1;
            var slot = hash & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            Volatile.Write(ref slots[slot], (long)hash << 32 | (uint)index);
        }

        public static int Hash(ProfileField field, Token type, ReadOnlySpan<byte> raw)
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

        public readonly record struct Entry(int Hash, ProfileField Field, Token Type, byte[] Key, FieldValue Value, string Text);
    }
}
