namespace PeerBot.Matching.Solvers;

/// <summary>A binary min-heap of (key, item) pairs; stale entries are left in and skipped by the caller.</summary>
internal sealed class MinHeap(int capacity = 16)
{
    private long[] _keys = new long[Math.Max(1, capacity)];
    private int[] _items = new int[Math.Max(1, capacity)];

    public int Count { get; private set; }

    public void Push(long key, int item)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _items, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[i] = _keys[parent];
            _items[i] = _items[parent];
            i = parent;
        }

        _keys[i] = key;
        _items[i] = item;
    }

    public long PeekKey => _keys[0];

    public int PeekItem => _items[0];

    public void Pop()
    {
        var last = --Count;
        if (last == 0)
        {
            return;
        }

        var key = _keys[last];
        var item = _items[last];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= last)
            {
                break;
            }

            if (child + 1 < last && _keys[child + 1] < _keys[child])
            {
                child++;
            }

            if (_keys[child] >= key)
            {
                break;
            }

            _keys[i] = _keys[child];
            _items[i] = _items[child];
            i = child;
        }

        _keys[i] = key;
        _items[i] = item;
    }
}
