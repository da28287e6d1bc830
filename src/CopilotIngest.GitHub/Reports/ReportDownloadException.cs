using System.Net;

namespace CopilotIngest.GitHub.Reports;

/// <summary>
/// A download that fresh links may fix: the host refused a link (signed links expire, answering 403, 404 or 410) or
/// the connection closed mid-file. The reader asks GitHub for fresh links once, then reports the day as failed.
/// </summary>
public sealed class ReportDownloadException : Exception
{
    public ReportDownloadException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public ReportDownloadException()
        : this("The report download failed.", (HttpStatusCode?)null)
    {
    }

    public ReportDownloadException(string message)
        : this(message, (HttpStatusCode?)null)
    {
    }

    public ReportDownloadException(string message, Exception innerException)
        : this(message, null, innerException)
    {
    }

    /// <summary>The download host's status, or null when the connection closed mid-file.</summary>
    public HttpStatusCode? StatusCode { get; }
}
