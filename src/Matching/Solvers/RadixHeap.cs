using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace PeerBot.Matching.Solvers;

/// <summary>
/// A monotone priority queue of (key, item): keys pushed are never below the last key popped, as with event times
/// in a primal-dual algorithm. Buckets by highest differing bit make push O(1) and pop amortised O(log range),
/// with sequential memory access — several times faster than a binary heap here.
/// </summary>
internal sealed class RadixHeap
{
    private readonly long[][] _keys = new long[65][];
    private readonly int[][] _items = new int[65][];
    private readonly int[] _sizes = new int[65];
    private long _last;

    public RadixHeap()
    {
        for (var b = 0; b < 65; b++)
        {
            _keys[b] = new long[4];
            _items[b] = new int[4];
        }
    }

    public int Count { get; private set; }

    /// <summary>Empties the queue and forgets the last key, for a new run.</summary>
    public void Clear()
    {
        if (Count > 0)
        {
            Array.Clear(_sizes);
        }

        Count = 0;
        _last = 0;
    }

    public void Push(long key, int item)
    {
        Debug.Assert(key >= _last, "keys never go below the last one popped");
        Add(Bucket(key), key, item);
        Count++;
    }

    /// <summary>Removes one entry with the smallest key; entries with equal keys come out last-in, first-out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryPop(out long key, out int item)
    {
        if (Count == 0)
        {
            key = 0;
            item = 0;
            return false;
        }

        if (_sizes[0] == 0)
        {
            var b = 1;
            while (_sizes[b] == 0)
            {
                b++;
            }

            var keys = _keys[b];
            var items = _items[b];
            var size = _sizes[b];
            var min = long.MaxValue;
            for (var i = 0; i < size; i++)
            {
                min = Math.Min(min, keys[i]);
            }

            _last = min;
            _sizes[b] = 0;
            for (var i = 0; i < size; i++)
            {
                Add(Bucket(keys[i]), keys[i], items[i]);
            }
        }

        var at = --_sizes[0];
        key = _keys[0][at];
        item = _items[0][at];
        Count--;
        return true;
    }

    private int Bucket(long key) => key == _last ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(key ^ _last));

    private void Add(int bucket, long key, int item)
    {
        var size = _sizes[bucket];
        if (size == _keys[bucket].Length)
        {
            Array.Resize(ref _keys[bucket], size * 2);
            Array.Resize(ref _items[bucket], size * 2);
        }

        _keys[bucket][size] = key;
        _items[bucket][size] = item;
        _sizes[bucket] = size + 1;
    }
}
