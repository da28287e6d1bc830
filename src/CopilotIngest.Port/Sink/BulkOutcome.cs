using System.Net;

namespace CopilotIngest.Port.Sink;

/// <summary>Reads Port's 200/207 answer per entity of the batch (by index, else by identifier).</summary>
internal static class BulkOutcome
{
    public const string NotReported = "Port did not report a result for this entity in its bulk answer.";

    /// <summary>Returns how many succeeded, and the entities that failed with Port's message for each.</summary>
    public static (int Succeeded, IReadOnlyList<(SerializedEntity Entity, string Message)> Failed) Resolve(IReadOnlyList<SerializedEntity> batch, BulkUpsertResult result)
    {
        var succeeded = new bool[batch.Count];
        var errors = new string?[batch.Count];
        foreach (var entity in result.Entities)
        {
            if (Position(batch, entity.Index, entity.Identifier) is var i and >= 0)
            {
                succeeded[i] = true;
            }
        }

        foreach (var error in result.Errors)
        {
            if (Position(batch, error.Index, error.Identifier) is var i and >= 0)
            {
                errors[i] = error.Message;
            }
        }

        var count = 0;
        var failed = new List<(SerializedEntity, string)>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } message)
            {
                failed.Add((batch[i], message));
            }
            else if (succeeded[i] || result.StatusCode == HttpStatusCode.OK)
            {
                count++;
            }
            else
            {
                failed.Add((batch[i], NotReported));
            }
        }

        return (count, failed);
    }

    private static int Position(IReadOnlyList<SerializedEntity> batch, int? index, string? identifier)
    {
        if (index is { } i && i >= 0 && i < batch.Count
            && (identifier is null or "unknown" || string.Equals(batch[i].Identifier, identifier, StringComparison.Ordinal)))
        {
            return i;
        }

        if (identifier is null)
        {
            return -1;
        }

        for (var j = 0; j < batch.Count; j++)
        {
            if (string.Equals(batch[j].Identifier, identifier, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }
}
