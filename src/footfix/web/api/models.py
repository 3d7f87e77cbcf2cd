"""The API's response shapes (its OpenAPI schema is generated from these)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

T = TypeVar("T")


class ErrorDetail(BaseModel):
    kind: str = Field(description="footfix.errors.ErrorKind, e.g. not_found, invalid_input")
    message: str
    details: list[str] = []


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "the body could not be read (not the declared content type)"),
        (401, "no token, or a token that is unknown, revoked or expired"),
        (404, "not found among what this user may see"),
        (409, "it clashes with what is stored (a name taken, a day already logged)"),
        (413, "the body is larger than the server takes"),
        (422, "the request is not valid (the details say why)"),
    )
}


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int
    next_offset: int | None = Field(description="the offset of the next page; null on the last")


class PageParams(BaseModel):
    offset: int
    limit: int


def page_params(
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> PageParams:
    return PageParams(offset=offset, limit=limit)


def page_of(items: list[T], params: PageParams) -> Page[T]:
    chunk = items[params.offset : params.offset + params.limit]
    more = params.offset + params.limit < len(items)
    return Page[T](
        items=chunk,
        total=len(items),
        offset=params.offset,
        limit=params.limit,
        next_offset=params.offset + params.limit if more else None,
    )


class Me(BaseModel):
    uid: str
    email: str
    display_name: str
    role: Literal["runner", "clinician", "admin"]


class Runner(BaseModel):
    uid: str
    name: str
    units: Literal["km", "mi"]
    painful_side: str | None
    severity: str | None
    timezone: str
    created_at: dt.datetime
    yours: bool = Field(description="false for a patient a runner shares with you")


class NewRunner(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=80)]
    units: Literal["km", "mi"] = "km"
    painful_side: Literal["left", "right", "both"] | None = None
    timezone: Annotated[str, Field(min_length=1, max_length=64)] = "UTC"


class ClaimCode(BaseModel):
    claim_code: Annotated[str, Field(min_length=1, max_length=64)] = Field(
        description="the one-time code the clinician who keeps the record gave (any case, "
        "with or without its dashes)"
    )


class AssessmentSummary(BaseModel):
    uid: str
    created_at: dt.datetime
    phase: str
    knowledge_version: str


class Token(BaseModel):
    uid: str
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class NewToken(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=80)]
    days: Annotated[int, Field(ge=1, le=3660)] | None = None


class CreatedToken(BaseModel):
    token: str = Field(description="shown only in this answer: keep it")
    details: Token
