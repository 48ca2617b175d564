using System.Diagnostics;
using System.Globalization;

namespace PeerBot.Matching.Benchmarks;

/// <summary>Wall-clock timing with a warm-up and repeated runs (median), plus CPU time and the process's peak memory.</summary>
internal static class Measure
{
    public static (T Result, double MedianMs, double CpuMs) Time<T>(int runs, Func<T> work, bool warmUp = true)
    {
        if (warmUp)
        {
            work();
        }

        var times = new List<double>();
        var cpu = new List<double>();
        T result = default!;
        for (var i = 0; i < runs; i++)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            result = work();
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        times.Sort();
        cpu.Sort();
        return (result, times[times.Count / 2], cpu[cpu.Count / 2]);
    }

    /// <summary>Peak resident memory of this process so far (VmHWM), in MB.</summary>
    public static double PeakMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public static string Ms(double ms) => ms >= 10_000 ? $"{ms / 1000:0.0} s" : $"{ms:0} ms";
}
