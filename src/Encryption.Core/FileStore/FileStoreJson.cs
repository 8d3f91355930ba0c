using System.Text.Json;
using System.Text.Json.Serialization;

namespace Encryption.Core.FileStore;

/// <summary>Source-generated JSON for the store's documents: indented, nulls left out, unknown properties ignored.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(NodeDocument))]
[JsonSerializable(typeof(NamespaceDocument))]
[JsonSerializable(typeof(PodDocument))]
internal sealed partial class FileStoreJsonContext : JsonSerializerContext;

/// <summary>Encodes documents to the bytes written to disk and decodes what is read back.</summary>
public static class FileStoreJson
{
    /// <summary>Documents larger than this are rejected as invalid rather than parsed.</summary>
    public const int MaxDocumentBytes = 1 << 20;

    public static byte[] Encode(NodeDocument document) => WithNewline(JsonSerializer.SerializeToUtf8Bytes(document, FileStoreJsonContext.Default.NodeDocument));

    public static byte[] Encode(NamespaceDocument document) => WithNewline(JsonSerializer.SerializeToUtf8Bytes(document, FileStoreJsonContext.Default.NamespaceDocument));

    public static byte[] Encode(PodDocument document) => WithNewline(JsonSerializer.SerializeToUtf8Bytes(document, FileStoreJsonContext.Default.PodDocument));

    /// <summary>Decodes <paramref name="content"/>; a torn, empty or oversized document gives a problem, never an exception.</summary>
    public static DocumentResult<T> Decode<T>(ReadOnlySpan<byte> content)
        where T : class
    {
        if (content.Length > MaxDocumentBytes)
            return DocumentResult.Invalid<T>($"larger than {MaxDocumentBytes} bytes");
        if (content.Trim(" \t\r\n"u8).IsEmpty)
            return DocumentResult.Invalid<T>("empty document");
        try
        {
            var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)FileStoreJsonContext.Default.GetTypeInfo(typeof(T))!;
            var value = JsonSerializer.Deserialize(content, info);
            return value is null ? DocumentResult.Invalid<T>("document is null") : DocumentResult.Valid<T>(value);
        }
        catch (JsonException e)
        {
            return DocumentResult.Invalid<T>($"not valid JSON: {e.Message}");
        }
    }

    private static byte[] WithNewline(byte[] json) => [.. json, (byte)'\n'];
}
