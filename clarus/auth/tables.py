"""The auth Core tables, for set-based statements."""

from __future__ import annotations

from clarus.auth.assistant_models import AssistantDataset, AssistantFile, AssistantWrite
from clarus.auth.models import (
    ApiClient,
    AppSession,
    AuthFailureCount,
    AuthorizationCode,
    OAuthToken,
    RateLimitBucket,
    Role,
    User,
)
from clarus.core.db import table_of

roles = table_of(Role)
users = table_of(User)
api_clients = table_of(ApiClient)
oauth_tokens = table_of(OAuthToken)
oauth_authorization_codes = table_of(AuthorizationCode)
rate_limit_buckets = table_of(RateLimitBucket)
auth_failure_counts = table_of(AuthFailureCount)
app_sessions = table_of(AppSession)
assistant_datasets = table_of(AssistantDataset)
assistant_files = table_of(AssistantFile)
assistant_writes = table_of(AssistantWrite)
