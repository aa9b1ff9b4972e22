namespace Window.Storage.Documents;

/// <summary>
/// One issued document as stored (issue 19), without its bytes: <see cref="ActSeq"/> is the journal entry of the act it
/// records; <see cref="Number"/> is the printed 文书编号, <see cref="Sequence"/> its gap-free place in (kind, year).
/// </summary>
public sealed record DocumentRecord(
    string Id,
    string CaseId,
    int ActSeq,
    string Kind,
    string Number,
    int Year,
    int Sequence,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    string? Department,
    string? Replaces,
    string Sha256);

/// <summary>
/// What is known of a document before it has a number: the act it records, its kind and the year it is numbered in,
/// who issues it (a display name), the department whose step the act is (null: the case's own) and, for a correction,
/// the document it replaces.
/// </summary>
public sealed record DocumentDraft(
    string CaseId,
    int ActSeq,
    string Kind,
    int Year,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    string? Department = null,
    string? Replaces = null);

/// <summary>A document once numbered: the printed number and the PDF that prints it.</summary>
public sealed record RenderedDocument(string Number, byte[] Pdf);

/// <summary>The answer to an issue: the stored document, and whether this call created it (false: it existed already).</summary>
public sealed record IssuedDocument(DocumentRecord Record, bool Created);

/// <summary>An act of the journal (as projected to the read model) that has no document yet.</summary>
public sealed record UndocumentedAct(string CaseId, int Seq, string Kind, DateTimeOffset At);
