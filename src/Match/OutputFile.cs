using System.Text;

namespace PeerBot.MatchTool;

/// <summary>Writes a file whole or not at all: into a temporary file beside it, then renamed over it.</summary>
public static class OutputFile
{
    public static Task ReplaceAsync(string path, Func<TextWriter, Task> write) =>
        ReplaceAsync(path, async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            await write(writer);
        });

    /// <summary>The same, written synchronously by <paramref name="write"/> (a short process has no other work to do meanwhile).</summary>
    public static void Replace(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The same, for a writer of bytes (a JSON serializer writes UTF-8 straight into the file).</summary>
    public static async Task ReplaceAsync(string path, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
