using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Encryption.WireGuard.Tests")]
[assembly: InternalsVisibleTo("WireGuard.Bench")]
