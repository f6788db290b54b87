using System.Text.Json.Serialization.Metadata;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// Every answer of the admin API: JSON from the source-generated context (no reflection, one naming
/// policy), and every refusal a problem-details body (see <see cref="AdminProblems"/>).
/// </summary>
internal static class AdminResults
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, typeInfo, contentType: "application/json", statusCode: statusCode);

    public static IResult Error(int statusCode, ErrorResponse error) =>
        AdminProblems.Result(statusCode, error.Message, error.Errors);

    public static IResult Error(int statusCode, string message) => AdminProblems.Result(statusCode, message);

    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        AdminProblems.Result(StatusCodes.Status400BadRequest, FieldError.Summarize(errors), errors);

    public static IResult Invalid(string field, string reason) => Invalid([new FieldError(field, reason)]);

    public static IResult Failure(AdminFailure failure) => Error(StatusFor(failure.Kind), failure.Error);

    public static int StatusFor(AdminFailureKind kind) => kind switch
    {
        AdminFailureKind.Invalid => StatusCodes.Status400BadRequest,
        AdminFailureKind.NotFound => StatusCodes.Status404NotFound,
        AdminFailureKind.Conflict => StatusCodes.Status409Conflict,
        AdminFailureKind.NotActive => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
