namespace PeerBot.Matching.Candidates;

/// <summary>The k best offers seen so far, best first; k is small (tens), so a sorted array beats a heap.</summary>
internal sealed class TopK(int capacity)
{
    private readonly long[] _keys = new long[capacity];
    private readonly int[] _items = new int[capacity];

    public int Count { get; private set; }

    public int Capacity => capacity;

    public void Clear() => Count = 0;

    /// <summary>Offers <paramref name="item"/>; ties on points go to the higher <paramref name="tieBreak"/>.</summary>
    public void Offer(int points, uint tieBreak, int item)
    {
        var key = ((long)points << 32) | tieBreak;
        if (Count == capacity)
        {
            if (key <= _keys[Count - 1])
            {
                return;
            }

            Count--;
        }

        var i = Count++;
        while (i > 0 && _keys[i - 1] < key)
        {
            _keys[i] = _keys[i - 1];
            _items[i] = _items[i - 1];
            i--;
        }

        _keys[i] = key;
        _items[i] = item;
    }

    public int Item(int rank) => _items[rank];

    public int Points(int rank) => (int)(_keys[rank] >> 32);

    /// <summary>The worst points still kept, or -1 while not full.</summary>
    public int Threshold => Count == capacity ? Points(Count - 1) : -1;
}
