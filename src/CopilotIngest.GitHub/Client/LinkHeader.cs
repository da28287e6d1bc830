using System.Net.Http.Headers;

namespace CopilotIngest.GitHub.Client;

/// <summary>Reads RFC 8288 <c>Link</c> headers as GitHub sends them: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>.</summary>
internal static class LinkHeader
{
    /// <summary>The <c>rel="next"</c> target resolved against <paramref name="requestUri"/>, or null when there is none.</summary>
    public static Uri? FindNext(HttpResponseHeaders headers, Uri requestUri)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            foreach (var (target, parameters) in Parse(value))
            {
                if (HasRel(parameters, "next") && Uri.TryCreate(requestUri, target, out var next))
                {
                    return next;
                }
            }
        }

        return null;
    }

    /// <summary>Splits a header value into (target, parameters) pairs; malformed parts are skipped.</summary>
    internal static IEnumerable<(string Target, string Parameters)> Parse(string value)
    {
        var position = 0;
        while (position < value.Length)
        {
            var open = value.IndexOf('<', position);
            if (open < 0)
            {
                yield break;
            }

            var close = value.IndexOf('>', open + 1);
            if (close < 0)
            {
                yield break;
            }

            var nextOpen = value.IndexOf('<', close + 1);
            var end = nextOpen < 0 ? value.Length : nextOpen;
            yield return (value[(open + 1)..close].Trim(), value[(close + 1)..end]);
            position = end;
        }
    }

    private static bool HasRel(string parameters, string relation)
    {
        foreach (var parameter in parameters.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var relations = parameter[(equals + 1)..].Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (relations.Contains(relation, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
