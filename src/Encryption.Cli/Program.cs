namespace Encryption.Cli;

internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("encrypt: not built yet");
        return 1;
    }
}
