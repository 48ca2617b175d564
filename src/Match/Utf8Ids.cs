using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using PeerBot.Matching.Rules;

namespace PeerBot.MatchTool;

/// <summary>
/// Ids by their UTF-8 bytes, each with a number: open addressing where a slot holds an id of up to 16 bytes itself (a
/// longer one keeps its bytes aside), so finding an id is one probe in one array and no string. Filled once and then
/// only searched, one table can be read by several threads at a time.
/// </summary>
internal sealed class Utf8Ids
{
    private Slot[] _slots;
    private byte[] _long = new byte[1 << 10];
    private int _longUsed;
    private int _count;

    /// <summary>A table with room for <paramref name="capacity"/> ids before it grows.</summary>
    public Utf8Ids(int capacity = 1 << 11)
    {
        _slots = new Slot[(int)Math.Min(1L << 30, Math.Max(16, (long)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 1)) * 2))];
    }

    /// <summary>The number of <paramref name="key"/>, or -1 when it is not in the table.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        ref var slot = ref Probe(key, out _, out _);
        return slot.Length == 0 ? -1 : slot.Number;
    }

    /// <summary>How many keys <see cref="FindMany"/> looks up at a time at most.</summary>
    public const int Batch = 32;

    /// <summary>
    /// The numbers of the keys at <paramref name="keys"/> in <paramref name="text"/> (-1 for those not in the table), at most
    /// <see cref="Batch"/>: each key's first slot is read in one short loop before any is compared, so the cache misses of a
    /// table larger than the cache overlap instead of following one another. Returns a value of no meaning, to be kept
    /// (so those reads are not dropped as unused).
    /// </summary>
    public int FindMany(ReadOnlySpan<byte> text, ReadOnlySpan<Range> keys, Span<int> numbers)
    {
        Span<ulong> w0 = stackalloc ulong[Batch];
        Span<ulong> w1 = stackalloc ulong[Batch];
        Span<ulong> hash = stackalloc ulong[Batch];
        keys = keys[..Math.Min(keys.Length, Batch)];
        for (var k = 0; k < keys.Length; k++)
        {
            hash[k] = Hash(text[keys[k]], out w0[k], out w1[k]);
        }

        var slots = _slots;
        var mask = slots.Length - 1;
        var touched = 0;
        for (var k = 0; k < keys.Length; k++)
        {
            touched += slots[(int)hash[k] & mask].Length;
        }

        for (var k = 0; k < keys.Length; k++)
        {
            ref var slot = ref Probe(text[keys[k]], w0[k], w1[k], hash[k]);
            numbers[k] = slot.Length == 0 ? -1 : slot.Number;
        }

        return touched;
    }

    /// <summary>Numbers <paramref name="key"/> <paramref name="number"/>; false (and the table unchanged) when it is already in it.</summary>
    public bool TryAdd(ReadOnlySpan<byte> key, int number)
    {
        if (key.IsEmpty)
        {
            return false;
        }

        ref var slot = ref Probe(key, out var w0, out var w1);
        if (slot.Length != 0)
        {
            return false;
        }

        Fill(ref slot, key, w0, w1, number);
        return true;
    }

    /// <summary>The number in the pairing table of the printable-ASCII id <paramref name="key"/> (numbered there the first time).</summary>
    public int Number(ReadOnlySpan<byte> key, PastPairingTable.Builder table)
    {
        ref var slot = ref Probe(key, out var w0, out var w1);
        if (slot.Length != 0)
        {
            return slot.Number;
        }

        var number = table.Id(Encoding.ASCII.GetString(key));
        Fill(ref slot, key, w0, w1, number);
        return number;
    }

    /// <summary>The slot holding <paramref name="key"/>, or the free slot where it would go.</summary>
    private ref Slot Probe(ReadOnlySpan<byte> key, out ulong w0, out ulong w1)
    {
        var hash = Hash(key, out w0, out w1);
        return ref Probe(key, w0, w1, hash);
    }

    /// <summary>A key's hash, and the words a slot compares it by (up to 16 bytes: the key itself; longer: 0 and the hash).</summary>
    private static ulong Hash(ReadOnlySpan<byte> key, out ulong w0, out ulong w1)
    {
        if (key.Length <= 16)
        {
            (w0, w1) = Words(key);
            return Mix(w0, w1, key.Length);
        }

        var hash = LongHash(key);
        (w0, w1) = (0, hash);
        return hash;
    }

    private ref Slot Probe(ReadOnlySpan<byte> key, ulong w0, ulong w1, ulong hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var at = (int)hash & mask; ; at = (at + 1) & mask)
        {
            ref var slot = ref slots[at];
            if (slot.Length == 0 || (slot.Length == key.Length && slot.W1 == w1 && (key.Length <= 16 ? slot.W0 == w0 : _long.AsSpan((int)slot.W0, key.Length).SequenceEqual(key))))
            {
                return ref slot;
            }
        }
    }

    private void Fill(ref Slot slot, ReadOnlySpan<byte> key, ulong w0, ulong w1, int number)
    {
        if (key.Length > 16)
        {
            if (_longUsed + key.Length > _long.Length)
            {
                Array.Resize(ref _long, Math.Max(_long.Length * 2, _longUsed + key.Length));
            }

            key.CopyTo(_long.AsSpan(_longUsed));
            (w0, _longUsed) = ((ulong)_longUsed, _longUsed + key.Length);
        }

        slot = new Slot(w0, w1, key.Length, number);
        if (++_count * 2 > _slots.Length)
        {
            // Keep the table at most half full: every id into twice as many slots.
            var old = _slots;
            _slots = new Slot[old.Length * 2];
            var mask = _slots.Length - 1;
            foreach (var taken in old)
            {
                if (taken.Length == 0)
                {
                    continue;
                }

                var at = (int)(taken.Length <= 16 ? Mix(taken.W0, taken.W1, taken.Length) : taken.W1) & mask;
                while (_slots[at].Length != 0)
                {
                    at = (at + 1) & mask;
                }

                _slots[at] = taken;
            }
        }
    }

    /// <summary>An id of at most 16 bytes as two words, zero beyond its end.</summary>
    public static (ulong W0, ulong W1) Words(ReadOnlySpan<byte> key)
    {
        var n = key.Length;
        if (n >= 8)
        {
            return (BinaryPrimitives.ReadUInt64LittleEndian(key), n > 8 ? BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]) >> (8 * (16 - n)) : 0);
        }

        if (n >= 4)
        {
            ulong low = BinaryPrimitives.ReadUInt32LittleEndian(key), high = BinaryPrimitives.ReadUInt32LittleEndian(key[^4..]);
            return (low | ((high >> (8 * (8 - n))) << 32), 0);
        }

        var word = 0UL;
        for (var i = 0; i < n; i++)
        {
            word |= (ulong)key[i] << (8 * i);
        }

        return (word, 0);
    }

    private static ulong Mix(ulong w0, ulong w1, int length)
    {
        var hash = (w0 ^ 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL;
        hash ^= (w1 + (ulong)length) * 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        hash *= 0xD6E8FEB86659FD93UL;
        return hash ^ (hash >> 32);
    }

    private static ulong LongHash(ReadOnlySpan<byte> key)
    {
        var hash = (ulong)key.Length;
        for (; key.Length >= 16; key = key[16..])
        {
            var (w0, w1) = Words(key[..16]);
            hash = Mix(hash ^ w0, w1, 16);
        }

        var (t0, t1) = Words(key);
        return Mix(hash ^ t0, t1, key.Length) | 1;
    }

    /// <summary>An id: its bytes (or, over 16 bytes, where they are kept and a hash of them), its length (0: a free slot) and its number.</summary>
    private readonly record struct Slot(ulong W0, ulong W1, int Length, int Number);
}
