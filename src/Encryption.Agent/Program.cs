namespace Encryption.Agent;

internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("encryption-agent: not built yet");
        return 1;
    }
}
