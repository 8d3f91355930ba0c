using System.Runtime.InteropServices;

namespace Encryption.Core.Tests.Support;

/// <summary>What tests need from libc that .NET does not offer (File.Move refuses a symlink to a directory).</summary>
internal static partial class LibC
{
    /// <summary>rename(2): atomically replaces <paramref name="to"/>, as kubelet swaps a Secret volume's ..data link.</summary>
    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string from, string to);
}
