"""A project and its self-evaluation documents: the root of the model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.forms import GoalCompletionTable, ProjectType, ScoreSheet, SelfEvalForm
from jixiao.model.report import Report
from jixiao.model.stated import Stated


class Project(BaseModel):
    """One budget project (项目) with whatever of its documents are known.

    `scheme` names the scoring scheme when the source says which one applies; otherwise it is chosen
    from the documents present (see `jixiao.scoring.select_schemes`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Stated[str] = Field(default_factory=Stated)  # 项目名称 without the system code
    code: Stated[str] = Field(default_factory=Stated)  # system code, e.g. 51000021R…
    year: Stated[int] = Field(default_factory=Stated)  # budget year evaluated
    department: Stated[str] = Field(default_factory=Stated)  # 主管部门
    unit: Stated[str] = Field(default_factory=Stated)  # 实施单位 / 预算单位名称
    unit_code: Stated[str] = Field(default_factory=Stated)  # 预算单位编码
    project_type: Stated[ProjectType] = Field(default_factory=Stated)
    scheme: str | None = None
    source_files: tuple[str, ...] = ()
    self_eval_form: SelfEvalForm | None = None
    score_sheet: ScoreSheet | None = None
    goal_table: GoalCompletionTable | None = None
    report: Report | None = None

    @property
    def title(self) -> str:
        """The project's name for people, never empty."""
        return self.name.value or self.name.raw or "（未命名项目）"


class Batch(BaseModel):
    """Several projects in one file (a department's submission)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    projects: tuple[Project, ...] = ()
