using System.Runtime.CompilerServices;

namespace PeerBot.Matching.Candidates;

/// <summary>A stable, seeded hash (SplitMix64 finaliser): tie-breaks and scan offsets that differ per seed, never per run.</summary>
internal static class SeededHash
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int seed, long a, long b) => Mix(Mix(((ulong)(uint)seed << 32) ^ (ulong)a) ^ (ulong)b);

    /// <summary>A permutation of 0..n-1 that depends only on the seed.</summary>
    public static int[] Permutation(int n, int seed)
    {
        var order = new int[n];
        var keys = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = Of(seed, i, 0x5EED);
        }

        Array.Sort(keys, order);
        return order;
    }
}
