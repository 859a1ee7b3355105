"""The catalog's operations as named methods, grouped in families (generated).

Written by generator/generate_catalog.py from PatSnap's OpenAPI: do not edit. Each
lookup, listing and single call of the catalog is a method of its group's family,
an attribute of the client named after the group (`client.legal`,
`client.valuation`, `client.patents`...): a lookup takes any number of ids (the batch
engine), a listing yields every item (the page engine), a single call answers its
`data`. Every parameter is a keyword typed from the spec (its choices as `Literal`),
and is checked against the catalog again before anything is sent. Tasks run through
`client.tasks`; the operations that answer a stream are not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._engines import Resource

if TYPE_CHECKING:
    from ._batch import BatchResult, ProgressCallback
    from ._catalog_types import (
        AbstractImageRecord,
        AbstractTranslatedRecord,
        AntigenAntibodyPairingSearchItem,
        ApplicationDomainRecord,
        AwardRecord,
        BiblioRecord,
        ChemicalStructureSearchItem,
        ClaimRecord,
        ClaimTranslatedRecord,
        ClinicalResultSearchItem,
        ClinicalTrialSearchItem,
        CompoundReactionRoutesItem,
        CurrentAssigneeSearchDefensePatentItem,
        CurrentAssigneeSearchItem,
        CustomsRecordRecord,
        DescriptionRecord,
        DescriptionTranslatedRecord,
        DictionaryQueryItem,
        DrugCorePatentSearchItem,
        DrugDevStatusItem,
        DrugMilestoneItem,
        DrugSearchItem,
        EconomicIndicatorsRecord,
        ExtractChemicalStructuresFromASinglePatentItem,
        ExtractMultiplePatentSequenceItem,
        ExtractSinglePatentSequenceItem,
        FinancingItem,
        FulltextImageItem,
        GetAcademyCourseListItem,
        GetAllPatentsListOfAJobItem,
        GrantFundingItem,
        ImageSearchSimilarPatentMultipleImagesItem,
        ImageSearchSimilarPatentSingleImageEnhancedShapeSearchVersionItem,
        ImageSearchSimilarPatentSingleImageItem,
        InvestmentItem,
        LegalIndicatorsRecord,
        LegalInformationRecord,
        LicenseRecord,
        LiteratureSearchItem,
        LitigationRecord,
        MarketIndicatorsRecord,
        MedicalDealSearchItem,
        MedicalLiteratureSearchItem,
        MedicalNewsSearchItem,
        OrganizationPipelineItem,
        OriginalApplicantSearchItem,
        PatentCitationRecord,
        PatentDetailsAggregationRecord,
        PatentEnhancedDataRecord,
        PatentLegalStatusRecord,
        PatentListItem,
        PatentNumberSearchSimilarPatentItem,
        PatentPdfRecord,
        PatentSearchForIndividualChemicalStructuresItem,
        PatentValuationRecord,
        PatsnapStandardPatentNumberSearchItem,
        PdfRecord,
        PledgeRecord,
        ReExaminationAndInvalidationRecord,
        ScienceAndTechnologyInnovationEnterprisesIntegratedCircuitDesignItem,
        ScienceAndTechnologyInnovationEnterprisesSoftwareCopyrightItem,
        ScienceAndTechnologyInnovationEnterprisesTrademarkItem,
        SemanticSearchSimilarPatentItem,
        SimpleBiblioRecord,
        SimpleLegalStatusP041Record,
        SingleChemicalStructureLiteratureSearchItem,
        StandardEssentialPatentSepRecord,
        StatusOfUnifiedPatentCourtRecord,
        StrategicEmergingIndustryClassificationSeicRecord,
        StrategicIndicatorsRecord,
        TechnologyIndicatorsRecord,
        TechnologyTopicRecord,
        TheThreeElementsOfPatentTechnologyRecord,
        TrademarkFieldSearchItem,
        TrademarkImageSearchItem,
        TransferRecord,
        TranslationalMedicineSearchItem,
    )
    from ._engines import Engines
    from ._pager import Pager

__all__ = [
    "AcademyOperations",
    "AggregatesOperations",
    "BioDictionaryOperations",
    "BioOperations",
    "ClinicalTrialsOperations",
    "CompaniesOperations",
    "CompanyIpOperations",
    "CompanyPersonasOperations",
    "CompanyReportsOperations",
    "CompanyTechAnalysisOperations",
    "CompanyTechEvaluationOperations",
    "DisclosuresOperations",
    "DrugAnalysisOperations",
    "DrugMiningOperations",
    "DrugOrganizationsOperations",
    "DrugsOperations",
    "Families",
    "LegalOperations",
    "LifeScienceSearchOperations",
    "LiteratureOperations",
    "MiningOperations",
    "MonitoringOperations",
    "NoveltySearchOperations",
    "OthersOperations",
    "PatentsOperations",
    "SearchOperations",
    "SolutionSearchOperations",
    "TechReportsOperations",
    "TffiEvaluationOperations",
    "TrademarksOperations",
    "TranslationOperations",
    "ValuationOperations",
]


def _given(values: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments a caller gave (None leaves a parameter out)."""
    return {name: value for name, value in values.items() if value is not None}


class AcademyOperations(Resource):
    """Patsnap Academy Course: the catalog's operations of this group (`client.academy`)."""

    def get_academy_course_list(
        self,
        *,
        company_id: str,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[GetAcademyCourseListItem]:
        """AC01 Get Academy Course List: GET /academy/course-list.

        Every item of the list, pages drained in order (`listing`).

        Args:
            company_id: company ID
        """
        return self._engines.listing(
            "AC01",
            params=_given({"company_id": company_id}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def get_course_details(
        self,
        *,
        company_id: str,
        course_id: str,
    ) -> Any:
        """AC02 Get Course Details: GET /academy/course-details.


        Args:
            company_id: company ID
            course_id: course ID
        """
        return await self._engines.call(
            "AC02", _given({"company_id": company_id, "course_id": course_id})
        )

    async def get_courseware(
        self,
        *,
        company_id: str,
        courseware_id: str,
    ) -> Any:
        """AC03 Get Courseware: GET /academy/attach-download.


        Args:
            company_id: company ID
            courseware_id: courseware ID
        """
        return await self._engines.call(
            "AC03", _given({"company_id": company_id, "courseware_id": courseware_id})
        )


class AggregatesOperations(Resource):
    """Custom Aggregate Data: the catalog's operations of this group (`client.aggregates`)."""

    async def patent_search(
        self,
        *,
        collapse_by: list[Any],
        query_text: str,
        offset: int | None = None,
        sort: list[Any] | None = None,
        stemming: int | None = None,
        collapse_type: str | None = None,
    ) -> Any:
        """D005 Patent Search: POST /search/patent/query-search-patent/v3.


        Args:
            collapse_by: Select the patent collapse ordering rule
            query_text: Analytics query, maximum length 1,500 characters
            offset: offset value; offset <= 20000 (A single call returns a list of 20 patents)
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
            stemming: Whether to turn on the stemming function, 1: turn on; 0: turn off. Off by
                default
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
        """
        return await self._engines.call(
            "D005",
            _given(
                {
                    "collapse_by": collapse_by,
                    "query_text": query_text,
                    "offset": offset,
                    "sort": sort,
                    "stemming": stemming,
                    "collapse_type": collapse_type,
                }
            ),
        )

    async def patent_search_facet(
        self,
        *,
        collapse_by: list[Any],
        field: str,
        query_text: str,
        offset: int | None = None,
        sort: list[Any] | None = None,
        limit_: int | None = None,
        stemming: int | None = None,
        lang: str | None = None,
        collapse_type: str | None = None,
    ) -> Any:
        """D006 Patent Search Facet: POST /search/patent/query-search-patent-facet.


        Args:
            collapse_by: Select the patent collapse ordering rule
            field: Filter field dimension, please enter the field code, up to 5 fields are
                supported, separated by comma. AUTHORITY: Authority
                (https://analytics.patsnap.com/status)
            query_text: Analytics query, maximum length 1,500 characters
            offset: offset value; offset <= 20000 (A single call returns a list of 20 patents)
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
            limit_: Returns the number of statistical results, 1 <= limit <= 100,default is 50
            stemming: Whether to turn on the stemming function, 1: turn on; 0: turn off. Off by
                default
            lang: Select the language, the default language is cn, you can choose cn, en or jp.
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
        """
        return await self._engines.call(
            "D006",
            _given(
                {
                    "collapse_by": collapse_by,
                    "field": field,
                    "query_text": query_text,
                    "offset": offset,
                    "sort": sort,
                    "limit": limit_,
                    "stemming": stemming,
                    "lang": lang,
                    "collapse_type": collapse_type,
                }
            ),
        )

    async def patent_detail(
        self,
        *,
        lang: str | None = None,
        patent_id: str | None = None,
        patent_number: str | None = None,
        replace_by_related: int | None = None,
    ) -> Any:
        """D007 Patent Detail: GET /basic-patent-data/patent-detail.


        Args:
            lang: translation language, support cn, en, jp
            patent_id: patent_id
            patent_number: patent_number
            replace_by_related: When the fulltext of current patent is unavailable, whether to
                replace it with the fulltext of its family patent?default not to replace:
        """
        return await self._engines.call(
            "D007",
            _given(
                {
                    "lang": lang,
                    "patent_id": patent_id,
                    "patent_number": patent_number,
                    "replace_by_related": replace_by_related,
                }
            ),
        )

    async def patent_pdf(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        replace_by_related: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[PatentPdfRecord]:
        """D008 patent PDF: GET /basic-patent-data/patent-pdf.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            replace_by_related: When the PDF of current patent is unavailable, whether to replace
                it with the PDF of its family patent?default not to replace:
        """
        return await self._engines.lookup(
            "D008",
            ids,
            by=by,
            params=_given({"replace_by_related": replace_by_related}),
            progress=progress,
        )

    async def patent_search_detail(
        self,
        *,
        collapse_by: list[Any],
        query_text: str,
        lang: str,
        collapse_type: str | None = None,
        sort: list[Any] | None = None,
        offset: int | None = None,
        posiofpat: str | None = None,
        stemming: int | None = None,
        patent_id: str | None = None,
        pn: str | None = None,
        replace_by_related: int | None = None,
    ) -> Any:
        """D009 Patent Search Detail: POST /search/patent/query-search-patent-detail.


        Args:
            collapse_by: Select the patent collapse ordering rule
            query_text: Analytics query, maximum length 1,500 characters
            lang: translation language, support cn, en, jp
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
            offset: offset value; offset <= 20000 (A single call returns a list of 20 patents)
            posiofpat: Select whether the patent to return patent details is the first or the
                last in the patent list. The default is first.
            stemming: Whether to turn on the stemming function, 1: turn on; 0: turn off. Off by
                default
            patent_id: Patent ID, if the patent_id is passed in, the patent details corresponding
                to the patent_id are returned, that is, posiofpat is invalid
            pn: Patent Publication Number, if the patent number is passed in, the patent details
                corresponding to the patent number are returned, that is, posiofpat is invalid;
                If both patent_id and pn are passed, …
            replace_by_related: When the fulltext of current patent is unavailable, whether to
                replace it with the fulltext of its family patent?default not to replace:
        """
        return await self._engines.call(
            "D009",
            _given(
                {
                    "collapse_by": collapse_by,
                    "query_text": query_text,
                    "lang": lang,
                    "collapse_type": collapse_type,
                    "sort": sort,
                    "offset": offset,
                    "posiofpat": posiofpat,
                    "stemming": stemming,
                    "patent_id": patent_id,
                    "pn": pn,
                    "replace_by_related": replace_by_related,
                }
            ),
        )

    async def patent_facet(
        self,
        *,
        field: str,
        query_text: str,
        collapse_by: list[Any] | None = None,
        limit_: int | None = None,
        stemming: int | None = None,
        lang: str | None = None,
        collapse_type: str | None = None,
    ) -> Any:
        """D010 Patent Facet: POST /search/patent/query-search-facet.


        Args:
            field: Filter field dimension, please enter the field code, up to 5 fields are
                supported, separated by comma. AUTHORITY: Authority
                (https://analytics.patsnap.com/status)
            query_text: Analytics query, maximum length 1,500 characters
            collapse_by: Select the patent collapse ordering rule
            limit_: Returns the number of statistical results, 1 <= limit <= 100,default is 50
            stemming: Whether to turn on the stemming function, 1: turn on; 0: turn off. Off by
                default
            lang: Select the language, the default language is cn, you can choose cn, en or jp.
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
        """
        return await self._engines.call(
            "D010",
            _given(
                {
                    "field": field,
                    "query_text": query_text,
                    "collapse_by": collapse_by,
                    "limit": limit_,
                    "stemming": stemming,
                    "lang": lang,
                    "collapse_type": collapse_type,
                }
            ),
        )

    async def life_cycle_data(
        self,
        *,
        query_text: str,
        collapse_order: str | None = None,
        sort: list[Any] | None = None,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order_authority: list[Any] | None = None,
    ) -> Any:
        """D101 life cycle data: POST /shhgy/reportdata/life-cycle.


        Args:
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            sort: field order
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
        """
        return await self._engines.call(
            "D101",
            _given(
                {
                    "query_text": query_text,
                    "collapse_order": collapse_order,
                    "sort": sort,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order_authority": collapse_order_authority,
                }
            ),
        )

    async def applicant_ranking(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D102 Applicant ranking: POST /shhgy/reportdata/applicant-rank.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D102",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def main_applicant_technology_analysis(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D103 Main applicant technology analysis: POST
        /shhgy/reportdata/applicant-technology-analysis.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D103",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def main_applicant_application_trend(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D104 Main applicant application trend: POST /shhgy/reportdata/applicant-trend.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D104",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def cooperation_applicant_analysis(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D105 Cooperation applicant analysis: POST
        /shhgy/reportdata/cooperation-applicant-analysis.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D105",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def patent_trend(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D106 Patent trend: POST /shhgy/reportdata/patent-trend.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D106",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def technology_applicant_distribution(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D107 Technology applicant distribution: POST
        /shhgy/reportdata/technology-applicant-distribution.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D107",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def technology_constitute(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D108 Technology constitute: POST /shhgy/reportdata/technology-constitute.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D108",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def receiving_office_statistics(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D109 Receiving office statistics: POST /shhgy/reportdata/rec-office.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D109",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def receiving_office_statistics_by_year(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D110 Receiving office statistics (by year): POST /shhgy/reportdata/rec-office-year.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D110",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def citation_ranking(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D111 Citation ranking: POST /shhgy/reportdata/refered-rank.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D111",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def patent_family_ranking(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D112 Patent family ranking: POST /shhgy/reportdata/famn-rank.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D112",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    def patent_list(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[PatentListItem]:
        """D113 Patent list: POST /shhgy/reportdata/patent-list.

        Every item of the list, pages drained in order (`listing`).

        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return self._engines.listing(
            "D113",
            params=_given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def patent_field_details_large_text_only(
        self,
        *,
        patent_number: list[Any],
    ) -> Any:
        """D114 Patent field details (large text only): POST /shhgy/reportdata/patent-info.


        Args:
            patent_number: Publication number
        """
        return await self._engines.call("D114", _given({"patent_number": patent_number}))

    async def domain_map(
        self,
        *,
        query_text: str,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D115 Domain Map: POST /shhgy/reportdata/domain-map.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D115",
            _given(
                {
                    "query_text": query_text,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def d116_3d_map_analysis(
        self,
        *,
        query_text: str,
        group1: list[Any] | None = None,
        group2: list[Any] | None = None,
        group3: list[Any] | None = None,
        group4: list[Any] | None = None,
        group5: list[Any] | None = None,
        group6: list[Any] | None = None,
        group7: list[Any] | None = None,
        group8: list[Any] | None = None,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """D116 3D Map Analysis: POST /shhgy/reportdata/3d-map.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            group1: group1
            group2: group2
            group3: group3
            group4: group4
            group5: group5
            group6: group6
            group7: group7
            group8: group8
            collapse_type: Select the collapse type, "ALL" or Null value means no collapse;
                "APNO" means collapse according to application number; "DOCDB" means collapse
                according to simple family; "INPADOC" means collapse …
            collapse_by: Select the sort field for patent collapse,
            collapse_order: Select the patent collapse ordering rule that is valid only if
                collapse_by is APD or PBD, setting OLDEST or LATEST to keep the earliest or
                latest one
            collapse_order_authority: Sets the order of patent collapse according to the input
                authorities priority list, valid only if collapse_by is AUTHORITY
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc. The default ranking is the most relevant by Score
        """
        return await self._engines.call(
            "D116",
            _given(
                {
                    "query_text": query_text,
                    "group1": group1,
                    "group2": group2,
                    "group3": group3,
                    "group4": group4,
                    "group5": group5,
                    "group6": group6,
                    "group7": group7,
                    "group8": group8,
                    "collapse_type": collapse_type,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "sort": sort,
                }
            ),
        )

    async def patent_details_text(
        self,
        *,
        patent_id: str | None = None,
        patent_number: str | None = None,
    ) -> Any:
        """D201 patent details text: POST /jdf/patent_detail_text.


        Args:
            patent_id: patent_id
            patent_number: patent_number
        """
        return await self._engines.call(
            "D201", _given({"patent_id": patent_id, "patent_number": patent_number})
        )

    async def patent_details_aggregation(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[PatentDetailsAggregationRecord]:
        """D301 patent details aggregation: GET /basic-patent-data/patent-detail-aggregation.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("D301", ids, by=by, params=_given({}), progress=progress)

    async def statement_of_account_v2(
        self,
        *,
        apikey: str,
        client_secret: str,
        time_start: str,
        time_end: str,
    ) -> Any:
        """Statement of account V2: POST /open-user/statement/v2.


        Args:
            apikey: API Key
            client_secret: API secret
            time_start: Start date
            time_end: End date
        """
        return await self._engines.call(
            "X-statement-v2",
            _given(
                {
                    "apikey": apikey,
                    "client_secret": client_secret,
                    "time_start": time_start,
                    "time_end": time_end,
                }
            ),
        )


class BioOperations(Resource):
    """Chemical and Bio Data: the catalog's operations of this group (`client.bio`)."""

    def chemical_structure_search(
        self,
        *,
        name: str | None = None,
        formula: str | None = None,
        inchi: str | None = None,
        smiles: str | None = None,
        search_type: str | None = None,
        sim_threshold: float | None = None,
        include_stereo: bool | None = None,
        include_tautomer: bool | None = None,
        include_charge: bool | None = None,
        include_isotope: bool | None = None,
        include_radical: bool | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ChemicalStructureSearchItem]:
        """B001 Chemical Structure Search: POST /chemical-openapi/compound.

        Every item of the list, pages drained in order (`listing`).

        Args:
            name: Common names of structure
            formula: Molecular formula
            inchi: Structure Inchi
            smiles: Structure Smiles
            search_type: Structure search type, the default value is EXT. The option value is
                EXT, SIM, SUB which means Exact search, Similarity search, Substructure search.
                Only support inchi, smiles input.
            sim_threshold: Minimum similar score for similarity search, valid for SIM search type
                only, 0.5 by default.
            include_stereo: If include stereo isomers, valid for EXT, SUB search types only, true
                by default.
            include_tautomer: If include tautomers, valid for EXT, SUB search types only, true by
                default.
            include_charge: If include charge difference, valid for EXT, SUB search types only,
                true by default.
            include_isotope: If include isotope difference, valid for EXT, SUB search types only,
                true by default.
            include_radical: If include radical difference, valid for EXT, SUB search types only,
                true by default.
        """
        return self._engines.listing(
            "B001",
            params=_given(
                {
                    "name": name,
                    "formula": formula,
                    "inchi": inchi,
                    "smiles": smiles,
                    "search_type": search_type,
                    "sim_threshold": sim_threshold,
                    "include_stereo": include_stereo,
                    "include_tautomer": include_tautomer,
                    "include_charge": include_charge,
                    "include_isotope": include_isotope,
                    "include_radical": include_radical,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def patent_search_for_individual_chemical_structures(
        self,
        *,
        inchi_key: str,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[PatentSearchForIndividualChemicalStructuresItem]:
        """B002 Patent search for individual chemical structures: GET
        /chemical-openapi/compound/patents.

        Every item of the list, pages drained in order (`listing`).

        Args:
            inchi_key: Structure InchiKey
        """
        return self._engines.listing(
            "B002",
            params=_given({"inchi_key": inchi_key}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def chemical_structure_details(
        self,
        *,
        inchi_key: str,
    ) -> Any:
        """B014 Chemical Structure Details: GET /chemical-openapi/compound/detail.


        Args:
            inchi_key: Structure InchiKey
        """
        return await self._engines.call("B014", _given({"inchi_key": inchi_key}))

    async def compound_physicochemical_properties(
        self,
        *,
        inchi_key: str,
    ) -> Any:
        """B015 Compound Physicochemical Properties: GET
        /synapse/drug/compound-physicochemical-props.


        Args:
            inchi_key: Chemical Structure InChIKey
        """
        return await self._engines.call("B015", _given({"inchi_key": inchi_key}))

    async def sequence_infomation(
        self,
        *,
        sequence_id: int | None = None,
    ) -> Any:
        """B016 Sequence Infomation: POST /bio/sequence/info.


        Args:
            sequence_id: sequence_id
        """
        return await self._engines.call("B016", _given({"sequence_id": sequence_id}))

    def single_chemical_structure_literature_search(
        self,
        *,
        inchi_key_id: str,
        lang: str | None = None,
        sort_order: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[SingleChemicalStructureLiteratureSearchItem]:
        """B042 Single Chemical Structure Literature Search: POST /synapse/chemical/paper/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            inchi_key_id: InChI Key ID
            lang: Language, support: CN, EN
            sort_order: Sort by published time, sort order, support:desc,asc
        """
        return self._engines.listing(
            "B042",
            params=_given({"inchi_key_id": inchi_key_id, "lang": lang, "sort_order": sort_order}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def extract_single_patent_sequence(
        self,
        *,
        extract_type: str,
        sequence_no_range: str,
        patent_id: str | None = None,
        patent_number: str | None = None,
        sequence_length: Mapping[str, Any] | None = None,
        sequence_type: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ExtractSinglePatentSequenceItem]:
        """B062 Extract Single Patent Sequence: POST /bio-openapi/patent/extract/single.

        Every item of the list, pages drained in order (`listing`).

        Args:
            extract_type: Extract Type(EXTRACT_ALL, EXTRACT_RANGE, EXTRACT_NUM, EXTRACT_MANUAL)
            sequence_no_range: SEQ ID range(Example:1-10,23,24)
            patent_id: Patent ID
            patent_number: Patent publication number. One of patent_number, patent_id must be
                filled in, and if they are filled in at the same time, patent_id shall prevail,
                followed by patent_number
            sequence_length: sequence_length
            sequence_type: Sequence Type, PROTEIN or NUCLEOTIDE
        """
        return self._engines.listing(
            "B062",
            params=_given(
                {
                    "extract_type": extract_type,
                    "sequence_no_range": sequence_no_range,
                    "patent_id": patent_id,
                    "patent_number": patent_number,
                    "sequence_length": sequence_length,
                    "sequence_type": sequence_type,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def extract_multiple_patent_sequence(
        self,
        *,
        db_type: list[Any],
        limit_: int | None = None,
        patent_ids: list[Any] | None = None,
        patent_numbers: list[Any] | None = None,
        sequence_length: Mapping[str, Any] | None = None,
        sequence_type: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ExtractMultiplePatentSequenceItem]:
        """B063 Extract Multiple Patent Sequence: POST /bio-openapi/patent/extract/multi.

        Every item of the list, pages drained in order (`listing`).

        Args:
            db_type: Extract Range(Enumeration value:ALLPATENT, CLAIMS)
            limit_: The maximum number of returned results is supported to be no more than
                100,000, with a default value of 50,000
            patent_ids: Patent ID Collections, Input up to 100 patent IDs.
            patent_numbers: Patent publication number collections, Input up to 100 patent
                Numbers.One of patent_numbers, patent_ids must be filled in, and if they are
                filled in at the same time, patent_ids shall prevail, …
            sequence_length: sequence_length
            sequence_type: Sequence Type, PROTEIN or NUCLEOTIDE
        """
        return self._engines.listing(
            "B063",
            params=_given(
                {
                    "db_type": db_type,
                    "limit": limit_,
                    "patent_ids": patent_ids,
                    "patent_numbers": patent_numbers,
                    "sequence_length": sequence_length,
                    "sequence_type": sequence_type,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def extract_chemical_structures_from_a_single_patent(
        self,
        *,
        exclude_reagents: bool | None = None,
        only_first: bool | None = None,
        patent_id: str | None = None,
        patent_number: str | None = None,
        range_max: float | None = None,
        range_min: float | None = None,
        source: list[Any] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ExtractChemicalStructuresFromASinglePatentItem]:
        """B071 Extract chemical structures from a single patent: POST
        /synapse/patent/chemical/getSingleData.

        Every item of the list, pages drained in order (`listing`).

        Args:
            exclude_reagents: Exclude reagents
            only_first: Only show compounds that first appear in this patent
            patent_id: Patent id
            patent_number: Patent number
            range_max: Maximum molecular weight
            range_min: Minimum molecular weight
            source: Source, 1:Manual | 2:Other | 3:Picture | 4:Claims | 5:Abstract | 6:Title |
                7:Description
        """
        return self._engines.listing(
            "B071",
            params=_given(
                {
                    "exclude_reagents": exclude_reagents,
                    "only_first": only_first,
                    "patent_id": patent_id,
                    "patent_number": patent_number,
                    "range_max": range_max,
                    "range_min": range_min,
                    "source": source,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def compound_keyword_search(
        self,
        *,
        keyword: str,
    ) -> Any:
        """B073 Compound Keyword Search: POST /chemical-business/keyword/search.


        Args:
            keyword: Compound keyword, supports CAS number, generic name (Chinese, Japanese,
                English), synonym, abbreviation, molecular formula, SMILES, InChI Key
        """
        return await self._engines.call("B073", _given({"keyword": keyword}))

    def compound_reaction_routes(
        self,
        *,
        inchi_key: str,
        type: str,
        pn: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[CompoundReactionRoutesItem]:
        """B075 Compound reaction routes: POST /synapse/chemical/reaction/route.

        Every item of the list, pages drained in order (`listing`).

        Args:
            inchi_key: Compound InChI Key, required
            type: Compound side in the reaction, required, supports reactant and product.
            pn: Patent number for exact filtering. If omitted, no patent-number filter is
                applied.
        """
        return self._engines.listing(
            "B075",
            params=_given({"inchi_key": inchi_key, "type": type, "pn": pn}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def hiro_ocsr(
        self,
        *,
        files: bytes | tuple[str, bytes] | Path,
    ) -> Any:
        """B076 Hiro-OCSR: POST /ocsr_wrapper/v1/ocsr.


        Args:
            files: Image file.
        """
        return await self._engines.call("B076", _given({"files": files}))


class BioDictionaryOperations(Resource):
    """Biopharmaceutical Dictionary Data: the catalog's operations of this group
    (`client.bio_dictionary`).
    """

    async def drug_type_id_search(
        self,
        *,
        limit_: int,
        prefix: str,
    ) -> Any:
        """B049 Drug type ID search: POST /synapse/drug-type/autocomplete.


        Args:
            limit_: limits
            prefix: keywords
        """
        return await self._engines.call("B049", _given({"limit": limit_, "prefix": prefix}))

    async def disease_id_search(
        self,
        *,
        limit_: int,
        prefix: str,
    ) -> Any:
        """B050 Disease ID search: POST /synapse/disease/autocomplete.


        Args:
            limit_: limit
            prefix: keywords
        """
        return await self._engines.call("B050", _given({"limit": limit_, "prefix": prefix}))

    async def target_id_search(
        self,
        *,
        limit_: int,
        prefix: str,
    ) -> Any:
        """B051 Target ID search: POST /synapse/target/autocomplete.


        Args:
            limit_: limit
            prefix: keywords
        """
        return await self._engines.call("B051", _given({"limit": limit_, "prefix": prefix}))

    async def organization_id_search(
        self,
        *,
        limit_: int,
        prefix: str,
    ) -> Any:
        """B052 Organization ID search: POST /synapse/organization/autocomplete.


        Args:
            limit_: limit
            prefix: keywords
        """
        return await self._engines.call("B052", _given({"limit": limit_, "prefix": prefix}))

    async def drug_id_search(
        self,
        *,
        prefix: str,
        limit_: int,
    ) -> Any:
        """B053 Drug ID search: POST /synapse/drug/autocomplete.


        Args:
            prefix: keywords
            limit_: limit
        """
        return await self._engines.call("B053", _given({"prefix": prefix, "limit": limit_}))

    async def mechanism_action_id_search(
        self,
        *,
        limit_: int,
        prefix: str,
    ) -> Any:
        """B054 Mechanism action ID search: POST /synapse/mechanism-action/autocomplete.


        Args:
            limit_: limit
            prefix: keywords
        """
        return await self._engines.call("B054", _given({"limit": limit_, "prefix": prefix}))

    async def outcome_id_search(
        self,
        *,
        limit_: int,
        prefix: str,
    ) -> Any:
        """B055 Outcome ID search: POST /synapse/outcome/autocomplete.


        Args:
            limit_: limits
            prefix: keywords
        """
        return await self._engines.call("B055", _given({"limit": limit_, "prefix": prefix}))

    def dictionary_query(
        self,
        *,
        dict_type: str | None = None,
        id: str | None = None,
        keyword: str | None = None,
        parent_id: str | None = None,
        search_tree: bool | None = None,
        sort: list[Any] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[DictionaryQueryItem]:
        """B056 Dictionary query: POST /synapse/dictionary/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            dict_type: Dictionary type, fields support:PATENT_TECHNOLOGY:patent_technology;
                AUTHORITY_COUNTRY:patent_country; HOT_CONFERENCE:ct_result_meeting.
            id: Dictionary ID
            keyword: keywords
            parent_id: Parent Dictionary ID
            search_tree: Is Tree Search
            sort: Sort
        """
        return self._engines.listing(
            "B056",
            params=_given(
                {
                    "dict_type": dict_type,
                    "id": id,
                    "keyword": keyword,
                    "parent_id": parent_id,
                    "search_tree": search_tree,
                    "sort": sort,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def patent_technology_id_search(
        self,
        *,
        limit_: int,
        prefix: str,
    ) -> Any:
        """B056-1 Patent technology ID search: POST /synapse/patent/technology/autocomplete.


        Args:
            limit_: limits
            prefix: keywords
        """
        return await self._engines.call("B056-1", _given({"limit": limit_, "prefix": prefix}))

    async def therapeutic_area(
        self,
        *,
        disease_id: str,
    ) -> Any:
        """B058 Therapeutic area: POST /synapse/disease/therapeutic-area.


        Args:
            disease_id: Disease ID
        """
        return await self._engines.call("B058", _given({"disease_id": disease_id}))


class ClinicalTrialsOperations(Resource):
    """Drug Clinical Trial Data: the catalog's operations of this group
    (`client.clinical_trials`).
    """

    async def clinical_trial_basic_information(
        self,
        *,
        clinical_trial_id: str | None = None,
        register_number: str | None = None,
    ) -> Any:
        """B022 Clinical trial basic information: GET /synapse/clinical-trial/detail.


        Args:
            clinical_trial_id: Clinical trial id, obtain this through clinical trial search
                interface
            register_number: Register number
        """
        return await self._engines.call(
            "B022",
            _given({"clinical_trial_id": clinical_trial_id, "register_number": register_number}),
        )

    async def clinical_trial_related_entity(
        self,
        *,
        clinical_trial_id: str | None = None,
        register_number: str | None = None,
    ) -> Any:
        """B023 Clinical trial related entity: GET /synapse/clinical-trial/related-entity.


        Args:
            clinical_trial_id: Clinical trial id, obtain this through clinical trial search
                interface
            register_number: register number
        """
        return await self._engines.call(
            "B023",
            _given({"clinical_trial_id": clinical_trial_id, "register_number": register_number}),
        )

    async def clinical_trial_description(
        self,
        *,
        clinical_trial_id: str | None = None,
        register_number: str | None = None,
    ) -> Any:
        """B024 Clinical trial description: GET /synapse/clinical-trial/description.


        Args:
            clinical_trial_id: Clinical trial id, obtain this through clinical trial search
                interface
            register_number: register number
        """
        return await self._engines.call(
            "B024",
            _given({"clinical_trial_id": clinical_trial_id, "register_number": register_number}),
        )

    async def clinical_trial_eligibility(
        self,
        *,
        clinical_trial_id: str | None = None,
        register_number: str | None = None,
    ) -> Any:
        """B025 Clinical trial eligibility: GET /synapse/clinical-trial/eligibility.


        Args:
            clinical_trial_id: Clinical trial id, obtain this through clinical trial search
                interface
            register_number: register number
        """
        return await self._engines.call(
            "B025",
            _given({"clinical_trial_id": clinical_trial_id, "register_number": register_number}),
        )

    async def clinical_trial_design(
        self,
        *,
        clinical_trial_id: str | None = None,
        register_number: str | None = None,
    ) -> Any:
        """B026 Clinical trial design: GET /synapse/clinical-trial/design.


        Args:
            clinical_trial_id: Clinical trial id, obtain this through clinical trial search
                interface
            register_number: register number
        """
        return await self._engines.call(
            "B026",
            _given({"clinical_trial_id": clinical_trial_id, "register_number": register_number}),
        )

    async def clinical_trial_contact(
        self,
        *,
        clinical_trial_id: str | None = None,
        register_number: str | None = None,
    ) -> Any:
        """B027 Clinical trial contact: GET /synapse/clinical-trial/contact.


        Args:
            clinical_trial_id: Clinical trial id, obtain this through clinical trial search
                interface
            register_number: register number
        """
        return await self._engines.call(
            "B027",
            _given({"clinical_trial_id": clinical_trial_id, "register_number": register_number}),
        )

    async def drug_clinical_result_basic_information(
        self,
        *,
        ct_result_id: str | None = None,
    ) -> Any:
        """B032 Drug clinical result basic information: GET /synapse/ct-result/detail.


        Args:
            ct_result_id: Clinical trial result ID, obtain this through clinical result search
                interface
        """
        return await self._engines.call("B032", _given({"ct_result_id": ct_result_id}))

    async def drug_clinical_result_group_information(
        self,
        *,
        ct_result_id: str | None = None,
    ) -> Any:
        """B048 Drug clinical result group information: GET /synapse/ct-result/group.


        Args:
            ct_result_id: 临床结果ID,通过临床结果检索接口获取
        """
        return await self._engines.call("B048", _given({"ct_result_id": ct_result_id}))


class CompaniesOperations(Resource):
    """Enterprise Basic Data: the catalog's operations of this group (`client.companies`)."""

    async def registration_information(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C001 registration information: POST /company/registration-information.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C001",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def outbound_investment(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C002 outbound investment: POST /company/outbound-investment.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C002",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def shareholder_information(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C003 shareholder information: POST /company/shareholder-information.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C003",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def financing_information(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C013 financing information: POST /company/financing-information.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C013",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def technology_qualification(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C014 technology qualification: POST /company/technology-qualification.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C014",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def awards_information(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C015 awards information: POST /company/awards-information.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C015",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def main_menber(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C016 main menber: POST /company/main-member.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C016",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def core_member(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C017 core member: POST /company/core-member.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C017",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def listing_information(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C018 listing Information: POST /company/listing-Information.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C018",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def ipo_process(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C019 IPO process: POST /company/ipo-process.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C019",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def standard_information(
        self,
        *,
        page_number: int,
        standard_type: str | None = None,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C020 standard information: POST /company/standard-information.


        Args:
            page_number: Default page 1 (up to 20 items per page, returned in descending order by
                publication date, all items less than 20 will be returned)
            standard_type: Default All (can query All, country standards, industry standards,
                local standards, and team standards)
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C020",
            _given(
                {
                    "page_number": page_number,
                    "standard_type": standard_type,
                    "company_name": company_name,
                    "credit_code": credit_code,
                    "org_number": org_number,
                }
            ),
        )

    async def qualification_certificate(
        self,
        *,
        page_number: int,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C021 qualification certificate: POST /company/qualification-certificate.


        Args:
            page_number: Default page 1 (up to 20 items per page, returned in descending order by
                publication date, all items less than 20 will be returned)
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C021",
            _given(
                {
                    "page_number": page_number,
                    "company_name": company_name,
                    "credit_code": credit_code,
                    "org_number": org_number,
                }
            ),
        )

    async def company_search(
        self,
        *,
        page_number: str,
        sort_field: str,
        city: str | None = None,
        country: str | None = None,
        district: str | None = None,
        entity_status: str | None = None,
        fin_process: str | None = None,
        founded_date_lower: str | None = None,
        founded_date_upper: str | None = None,
        gbc_lv1: str | None = None,
        gbc_lv2: str | None = None,
        is_patent: str | None = None,
        is_patsnap_company: str | None = None,
        key_word: str | None = None,
        level: str | None = None,
        list_status: str | None = None,
        province: str | None = None,
        rating: str | None = None,
        rating_global: str | None = None,
        reg_capital_lower: str | None = None,
        reg_capital_upper: str | None = None,
        seic_lv1: str | None = None,
        seic_lv2: str | None = None,
        social_staff_num_lower: str | None = None,
        social_staff_num_upper: str | None = None,
        tech_tags: str | None = None,
    ) -> Any:
        """C037 Company Search: POST /company/search.


        Args:
            page_number: search page number
            sort_field: sort field
            city: Province
            country: Country
            district: Province
            entity_status: Business status
            fin_process: Financing process
            founded_date_lower: Establishment time (lower limit)
            founded_date_upper: Establishment time (upper limit)
            gbc_lv1: Primary category of national economy
            gbc_lv2: Secondary category of national economy
            is_patent: Patent information
            is_patsnap_company: whether or not patsnap science and technology innovation
                enterprise
            key_word: Keyword search
            level: level
            list_status: Listing status
            province: Province
            rating: China's domestic science and technology innovation rating
            rating_global: Global Science and Technology Innovation Rating
            reg_capital_lower: Registered capital (lower limit)
            reg_capital_upper: Registered capital (upper limit)
            seic_lv1: Strategic emerging primary industry
            seic_lv2: Strategic emerging secondary industry
            social_staff_num_lower: Number of insured persons (lower limit)
            social_staff_num_upper: Number of insured persons (upper limit)
            tech_tags: Technology tags
        """
        return await self._engines.call(
            "C037",
            _given(
                {
                    "page_number": page_number,
                    "sort_field": sort_field,
                    "city": city,
                    "country": country,
                    "district": district,
                    "entity_status": entity_status,
                    "fin_process": fin_process,
                    "founded_date_lower": founded_date_lower,
                    "founded_date_upper": founded_date_upper,
                    "gbc_lv1": gbc_lv1,
                    "gbc_lv2": gbc_lv2,
                    "is_patent": is_patent,
                    "is_patsnap_company": is_patsnap_company,
                    "key_word": key_word,
                    "level": level,
                    "list_status": list_status,
                    "province": province,
                    "rating": rating,
                    "rating_global": rating_global,
                    "reg_capital_lower": reg_capital_lower,
                    "reg_capital_upper": reg_capital_upper,
                    "seic_lv1": seic_lv1,
                    "seic_lv2": seic_lv2,
                    "social_staff_num_lower": social_staff_num_lower,
                    "social_staff_num_upper": social_staff_num_upper,
                    "tech_tags": tech_tags,
                }
            ),
        )

    async def investment_information(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C038 investment information: POST /company/investment-information.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C038",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )


class CompanyIpOperations(Resource):
    """Enterprise IP Data: the catalog's operations of this group (`client.company_ip`)."""

    def science_and_technology_innovation_enterprises_trademark(
        self,
        *,
        app_year: str | None = None,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
        status: str | None = None,
        tm_class: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ScienceAndTechnologyInnovationEnterprisesTrademarkItem]:
        """C031 Science and Technology Innovation Enterprises Trademark: POST
        /special-ip-data/enterprise-trademark.

        Every item of the list, pages drained in order (`listing`).

        Args:
            app_year: Application year
            company_name: Name of a single enterprise
            credit_code: Unified social credit code of a single enterprise
            org_number: Organization number of a single enterprise
            status: Trademark status:1-registered 2-invalid 3-preliminary review announcement
                4-waiting for substantive review 5-application 6-objection 7-rejection review
                8-other situations 9-waiting for rejection …
            tm_class: International classification
        """
        return self._engines.listing(
            "C031",
            params=_given(
                {
                    "app_year": app_year,
                    "company_name": company_name,
                    "credit_code": credit_code,
                    "org_number": org_number,
                    "status": status,
                    "tm_class": tm_class,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def science_and_technology_innovation_enterprises_software_copyright(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ScienceAndTechnologyInnovationEnterprisesSoftwareCopyrightItem]:
        """C032 Science and Technology Innovation Enterprises Software Copyright: POST
        /special-ip-data/software-copyright.

        Every item of the list, pages drained in order (`listing`).

        Args:
            company_name: Name of a single enterprise
            credit_code: Unified social credit code of a single enterprise
            org_number: Organization number of a single enterprise
        """
        return self._engines.listing(
            "C032",
            params=_given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def science_and_technology_innovation_enterprises_integrated_circuit_design(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ScienceAndTechnologyInnovationEnterprisesIntegratedCircuitDesignItem]:
        """C033 Science and Technology Innovation Enterprises Integrated Circuit Design: POST
        /special-ip-data/ic-design.

        Every item of the list, pages drained in order (`listing`).

        Args:
            company_name: Name of a single enterprise
            credit_code: Unified social credit code of a single enterprise
            org_number: Organization number of a single enterprise
        """
        return self._engines.listing(
            "C033",
            params=_given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def plant_variety_protection_application_info(
        self,
        *,
        company_name: str,
        page_number: int | None = None,
        page_size_: int | None = None,
    ) -> Any:
        """C034 Plant Variety Protection Application Info: POST
        /special-ip-data/new-plant-variety/application.


        Args:
            company_name: Name of a single enterprise
            page_number: Current page number (default first page)
            page_size_: Number of per page (default 20 entries, maximum 20 entries)
        """
        return await self._engines.call(
            "C034.application",
            _given(
                {"company_name": company_name, "page_number": page_number, "page_size": page_size_}
            ),
        )

    async def plant_variety_protection_issue_info(
        self,
        *,
        company_name: str,
        page_number: int | None = None,
        page_size_: int | None = None,
    ) -> Any:
        """C034 Plant Variety Protection Issue Info: POST
        /special-ip-data/new-plant-variety/issue.


        Args:
            company_name: Name of a single enterprise
            page_number: Current page number (default first page)
            page_size_: Number of per page (default 20 entries, maximum 20 entries)
        """
        return await self._engines.call(
            "C034.issue",
            _given(
                {"company_name": company_name, "page_number": page_number, "page_size": page_size_}
            ),
        )

    async def search_patent_potential_buyer_api(
        self,
        *,
        patent_id: str | None = None,
        pn: str | None = None,
    ) -> Any:
        """C046 search patent potential buyer api: POST /search/patent/potential-buyer.


        Args:
            patent_id: patent ID
            pn: patent publication number
        """
        return await self._engines.call("C046", _given({"patent_id": patent_id, "pn": pn}))


class CompanyPersonasOperations(Resource):
    """Enterprise Persona Data: the catalog's operations of this group
    (`client.company_personas`).
    """

    async def company_attribute(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C004 company attribute: POST /company/attribute.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C004",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def technology_label(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C005 technology label: POST /company/technology-label.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C005",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def company_awards(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C006 company awards: POST /company/awards.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C006",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def industry_classification(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C007 industry classification: POST /company/industry-classification.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C007",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def product_technical_classification(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C008 product technical classification: POST /company/product-technical-classification.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C008",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def industrial_technology_chain(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C009 industrial technology chain: POST /company/industrial-technology-chain.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C009",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def standard_development(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C010 standard development: POST /company/standard-development.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C010",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def intellectual_property(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C011 intellectual property: POST /company/intellectual-property.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C011",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )


class CompanyReportsOperations(Resource):
    """Insights Company Report: the catalog's operations of this group
    (`client.company_reports`).
    """

    def get_all_patents_list_of_a_job(
        self,
        *,
        job_id: str,
        all_legal: bool | None = None,
        patent_value: bool | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[GetAllPatentsListOfAJobItem]:
        """Get all patents list of a job: GET /landscape-api/jobs/{job_id}/patents.

        Every item of the list, pages drained in order (`listing`).

        Args:
            job_id: job_id
            all_legal: Whether to get legal info
            patent_value: Whether to get patent value
        """
        return self._engines.listing(
            "X-job-id-patents",
            params=_given({"job_id": job_id, "all_legal": all_legal, "patent_value": patent_value}),
            start=start,
            page_size=page_size,
            limit=limit,
        )


class CompanyTechAnalysisOperations(Resource):
    """Enterprise Tech Analysis: the catalog's operations of this group
    (`client.company_tech_analysis`).
    """

    async def enterprise_core_patent_information(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C112 Enterprise Core Patent Information: POST /innovation/company/core_patent.


        Args:
            company_name: company name/
            credit_code: credit code
            org_number: org_number
        """
        return await self._engines.call(
            "C112",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def industry_university_research(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C114 industry university research: POST /company/industry-university-research.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C114",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def industry_university_research_r_d_technology(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C115 industry university research R&D technology: POST
        /company/industry-university-research-ipc.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C115",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def industry_university_research_region_distribution(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C116 industry university research region distribution: POST
        /company/industry-university-research-region-distribution.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C116",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )


class CompanyTechEvaluationOperations(Resource):
    """Enterprise Tech Evaluation: the catalog's operations of this group
    (`client.company_tech_evaluation`).
    """

    async def scientific_and_technological_company_evaluation_c022(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C022 scientific and technological company evaluation: POST
        /company/technology-evaluation.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C022",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def scientific_and_technological_company_indicators_c023(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C023 scientific and technological company indicators: POST
        /company/technology-indicators.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C023",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def scientific_and_technological_company_evaluation_and_indicators_c024(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C024 scientific and technological company evaluation and indicators: POST
        /company/technology-evaluation-indicators.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C024",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def scientific_and_technological_company_group(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C025 scientific and technological company group: POST
        /company/company-group-technology-evaluation-indicators.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C025",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def backtracking_of_scientific_and_technological_company(
        self,
        *,
        date: str,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C026 backtracking of scientific and technological company: POST
        /company/technology-evaluation-indicators-backtracking.


        Args:
            date: Query Date (YYYYMMDD)
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C026",
            _given(
                {
                    "date": date,
                    "company_name": company_name,
                    "credit_code": credit_code,
                    "org_number": org_number,
                }
            ),
        )

    async def enterprise_patent_risk_warning(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C027 enterprise patent risk warning: POST /company/enterprise-patent-risk-warning.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C027",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def backtracking_of_enterprise_patent_risk_warning(
        self,
        *,
        date: str,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C028 backtracking of enterprise patent risk warning: POST
        /company/enterprise-patent-risk-warning-backtracking.


        Args:
            date: Query Date (YYYYMMDD)
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C028",
            _given(
                {
                    "date": date,
                    "company_name": company_name,
                    "credit_code": credit_code,
                    "org_number": org_number,
                }
            ),
        )

    async def trend_of_enterprise_patent_risk_warning(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """C029 trend of enterprise patent risk warning: POST
        /company/enterprise-patent-risk-warning-trend.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "C029",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )


class DisclosuresOperations(Resource):
    """Technical Disclosure: the catalog's operations of this group (`client.disclosures`)."""

    async def key_content_extraction(
        self,
        *,
        tech_solution: str,
    ) -> Any:
        """AI32-1 Key content extraction: POST /search/patent/patent-disclosure/tech-means.


        Args:
            tech_solution: Please enter your technical ideas or solutions. It's recommended to
                input more than 200 words, supporting both Chinese and English, with a maximum of
                5000 words.
        """
        return await self._engines.call("AI32-1", _given({"tech_solution": tech_solution}))


class DrugAnalysisOperations(Resource):
    """Drug Visual Analysis: the catalog's operations of this group (`client.drug_analysis`)."""

    async def bull_eyes_plot(
        self,
        *,
        limit_: Literal[10, 20, 30],
        dimension: Literal["ORGANIZATION", "TARGET", "DISEASE", "DRUG_TYPE", "REGION"],
        roll_up: bool | None = None,
        drug: Mapping[str, Any] | None = None,
        drug_type: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        mechanism_action: Mapping[str, Any] | None = None,
        disease: Mapping[str, Any] | None = None,
        organization: Mapping[str, Any] | None = None,
        global_highest_dev_status: Literal[
            "Discovery",
            "Preclinical",
            "IND",
            "IND_Approval",
            "Early_Phase_1",
            "Phase_1",
            "Phase_1_2",
            "Phase_2",
            "Phase_2_3",
            "Phase_3",
            "NDA_BLA",
            "Approved",
            "Clinical",
            "Pending",
            "Discontinued",
            "Withdraw",
            "Suspended",
            "Unknown",
        ]
        | None = None,
        exist_deal: bool | None = None,
        dev_status: Literal[
            "Discovery",
            "Preclinical",
            "IND",
            "IND_Approval",
            "Early_Phase_1",
            "Phase_1",
            "Phase_1_2",
            "Phase_2",
            "Phase_2_3",
            "Phase_3",
            "NDA_BLA",
            "Approved",
            "Clinical",
            "Pending",
            "Discontinued",
            "Withdraw",
            "Suspended",
            "Unknown",
        ]
        | None = None,
        country: Literal["US", "EU", "JP", "CN", "Other"] | None = None,
        organization_type: Literal["Company", "University_Institution", "Other"] | None = None,
        employee_number: Literal[
            "LESS_THAN_10", "BETWEEN_10_AND_100", "BETWEEN_100_AND_500", "GREATER_THAN_500"
        ]
        | None = None,
        start_up: bool | None = None,
    ) -> Any:
        """B057 Bull eyes plot: POST /synapse/bull-eyes-plot.


        Args:
            limit_: Limit, default 10. The value is an enum with the following values: 10, 20, 30
            dimension: dimension. The value is an enum with the following values: ORGANIZATION,
                TARGET, DISEASE, DRUG_TYPE, REGION
            roll_up: Perform roll-up on analysis results only for the dimension 'ORGANIZATION'
                (default: true).
            drug: drug
            drug_type: drug_type
            target: target
            mechanism_action: mechanism_action
            disease: disease
            organization: organization
            global_highest_dev_status: Drug Highest Phase. The value is an enum with the
                following values: Discovery, Preclinical, IND, IND_Approval, Early_Phase_1,
                Phase_1, Phase_1_2, Phase_2, Phase_2_3, Phase_3, NDA_BLA, Approved, …
            exist_deal: Whether Drug Deal Exist
            dev_status: Phase(By Indication). The value is an enum with the following values:
                Discovery, Preclinical, IND, IND_Approval, Early_Phase_1, Phase_1, Phase_1_2,
                Phase_2, Phase_2_3, Phase_3, NDA_BLA, Approved, …
            country: Phase(By Indication). The value is an enum with the following values: US,
                EU, JP, CN, Other
            organization_type: Organization Type. The value is an enum with the following values:
                Company, University_Institution, Other
            employee_number: Employee Number. The value is an enum with the following values:
                LESS_THAN_10, BETWEEN_10_AND_100, BETWEEN_100_AND_500, GREATER_THAN_500
            start_up: Whether Start-Up Organization
        """
        return await self._engines.call(
            "B057",
            _given(
                {
                    "limit": limit_,
                    "dimension": dimension,
                    "roll_up": roll_up,
                    "drug": drug,
                    "drug_type": drug_type,
                    "target": target,
                    "mechanism_action": mechanism_action,
                    "disease": disease,
                    "organization": organization,
                    "global_highest_dev_status": global_highest_dev_status,
                    "exist_deal": exist_deal,
                    "dev_status": dev_status,
                    "country": country,
                    "organization_type": organization_type,
                    "employee_number": employee_number,
                    "start_up": start_up,
                }
            ),
        )

    async def create_drug_monitoring(
        self,
        *,
        events: list[Any],
        frequency: Mapping[str, Any],
        lang: str,
        query: Mapping[str, Any],
        title: str,
    ) -> Any:
        """B064-1 Create drug monitoring: POST /synapse/alert/drug_search/create.


        Args:
            events: Event subscription list
            frequency: frequency
            lang: Language setting, supports: CN (Chinese), EN (English)
            query: query
            title: Alert title
        """
        return await self._engines.call(
            "B064-1",
            _given(
                {
                    "events": events,
                    "frequency": frequency,
                    "lang": lang,
                    "query": query,
                    "title": title,
                }
            ),
        )

    async def edit_drug_monitoring(
        self,
        *,
        alert_id: str,
        events: list[Any],
        frequency: Mapping[str, Any],
        lang: str,
        query: Mapping[str, Any],
        title: str,
    ) -> Any:
        """B064-2 Edit drug monitoring: POST /synapse/alert/drug_search/edit.


        Args:
            alert_id: Alert ID
            events: Event subscription list
            frequency: frequency
            lang: Language setting, supports: CN (Chinese), EN (English)
            query: query
            title: Alert title
        """
        return await self._engines.call(
            "B064-2",
            _given(
                {
                    "alert_id": alert_id,
                    "events": events,
                    "frequency": frequency,
                    "lang": lang,
                    "query": query,
                    "title": title,
                }
            ),
        )

    async def query_drug_monitoring(
        self,
        *,
        alert_id: str,
    ) -> Any:
        """B064-3 Query drug monitoring: POST /synapse/alert/drug_search/query.


        Args:
            alert_id: Alert ID, obtained through create alert interface
        """
        return await self._engines.call("B064-3", _given({"alert_id": alert_id}))

    def drug_milestone(
        self,
        *,
        drug_id: str,
        sort_order: str | None = None,
        milestone: list[Any] | None = None,
        event_id: list[Any] | None = None,
        disease_id: list[Any] | None = None,
        country_id: list[Any] | None = None,
        organization_id: list[Any] | None = None,
        event_start_time: int | None = None,
        event_end_time: int | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[DrugMilestoneItem]:
        """B074 Drug milestone: POST /synapse/drug/milestone.

        Every item of the list, pages drained in order (`listing`).

        Args:
            drug_id: Drug ID
            sort_order: Sort by event time, sort order, support:desc,asc
            milestone: Milestone ID
            event_id: 事件ID
            disease_id: Disease ID
            country_id: Country/Region
            organization_id: Organization ID
            event_start_time: Event start time
            event_end_time: Event end time
        """
        return self._engines.listing(
            "B074",
            params=_given(
                {
                    "drug_id": drug_id,
                    "sort_order": sort_order,
                    "milestone": milestone,
                    "event_id": event_id,
                    "disease_id": disease_id,
                    "country_id": country_id,
                    "organization_id": organization_id,
                    "event_start_time": event_start_time,
                    "event_end_time": event_end_time,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )


class DrugMiningOperations(Resource):
    """Drug Mining Data: the catalog's operations of this group (`client.drug_mining`)."""

    async def patented_drug_and_patent_type(
        self,
        *,
        patent_id: str | None = None,
    ) -> Any:
        """B028 Patented drug and patent type: GET /synapse/patent/detail.


        Args:
            patent_id: Patent ID, obtain this through drug core patent search interface or drug
                related patent search
        """
        return await self._engines.call("B028", _given({"patent_id": patent_id}))

    async def medical_literature(
        self,
        *,
        paper_id: str,
    ) -> Any:
        """B030 Medical Literature: GET /synapse/paper/detail.


        Args:
            paper_id: Drug ID, obtain this through the paper search interface
        """
        return await self._engines.call("B030", _given({"paper_id": paper_id}))

    async def medical_news(
        self,
        *,
        news_id: str,
    ) -> Any:
        """B031 Medical News: GET /synapse/news.


        Args:
            news_id: News ID, obtain this through the [B045] medical news search interface
        """
        return await self._engines.call("B031", _given({"news_id": news_id}))

    async def drug_deal_information(
        self,
        *,
        deal_id: str,
    ) -> Any:
        """B039 Drug deal information: GET /synapse/drug-deal.


        Args:
            deal_id: Drug Deal ID, obtain this through the [B045] drug deal search interface
        """
        return await self._engines.call("B039", _given({"deal_id": deal_id}))

    def antigen_antibody_pairing_search(
        self,
        *,
        antigen_name: str,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[AntigenAntibodyPairingSearchItem]:
        """B065 Antigen-Antibody Pairing Search: GET /synapse/bio/antibody/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            antigen_name: Antigen name
        """
        return self._engines.listing(
            "B065",
            params=_given({"antigen_name": antigen_name}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def affinity_search(
        self,
        *,
        affinity_id: str,
        page: int | None = None,
        rows: int | None = None,
    ) -> Any:
        """B066 Affinity Search: GET /synapse/bio/affinity/search.


        Args:
            affinity_id: Affinity search ID
            page: Page number (must be >=1)
            rows: Rows per page (must be >=1 and <=10)
        """
        return await self._engines.call(
            "B066", _given({"affinity_id": affinity_id, "page": page, "rows": rows})
        )

    async def translational_medicine_detail(
        self,
        *,
        translational_medicine_id: str | None = None,
    ) -> Any:
        """B070 Translational medicine detail: GET /synapse/translational/medicine/detail.


        Args:
            translational_medicine_id: Translational medicine id, obtain this through
                translational medicine search interface
        """
        return await self._engines.call(
            "B070", _given({"translational_medicine_id": translational_medicine_id})
        )


class DrugOrganizationsOperations(Resource):
    """Drug R&D Orgnization: the catalog's operations of this group
    (`client.drug_organizations`).
    """

    def organization_pipeline(
        self,
        *,
        organization_id: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[OrganizationPipelineItem]:
        """B033 Organization Pipeline: POST /synapse/organization/pipeline.

        Every item of the list, pages drained in order (`listing`).

        Args:
            organization_id: Organization ID
        """
        return self._engines.listing(
            "B033",
            params=_given({"organization_id": organization_id}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def organization_basic_information(
        self,
        *,
        organization_id: str,
    ) -> Any:
        """B034 Organization basic information: GET /synapse/organization/basic-info.


        Args:
            organization_id: Organization ID, obtain this through the organization autocomplete
                interface
        """
        return await self._engines.call("B034", _given({"organization_id": organization_id}))

    async def organization_profit(
        self,
        *,
        organization_id: str | None = None,
        duration_type: Literal["QUARTERLY", "SEMI_ANNUAL", "YEARLY"] | None = None,
        duration: Literal["ONE_YEAR", "THREE_YEAR", "FIVE_YEAR", "TEN_YEAR"] | None = None,
    ) -> Any:
        """B035 Organization profit: POST /synapse/organization/profit.


        Args:
            organization_id: Organization ID
            duration_type: Dimension type. The value is an enum with the following values:
                QUARTERLY, SEMI_ANNUAL, YEARLY. Default YEARLY
            duration: Time Range. The value is an enum with the following values: ONE_YEAR,
                THREE_YEAR, FIVE_YEAR, TEN_YEAR. Default FIVE_YEAR
        """
        return await self._engines.call(
            "B035",
            _given(
                {
                    "organization_id": organization_id,
                    "duration_type": duration_type,
                    "duration": duration,
                }
            ),
        )

    def grant_funding(
        self,
        *,
        organization_id: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[GrantFundingItem]:
        """B036 Grant funding: POST /synapse/organization/grant-funding.

        Every item of the list, pages drained in order (`listing`).

        Args:
            organization_id: Organization ID
        """
        return self._engines.listing(
            "B036",
            params=_given({"organization_id": organization_id}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def investment(
        self,
        *,
        organization_id: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[InvestmentItem]:
        """B037 Investment: POST /synapse/organization/investment.

        Every item of the list, pages drained in order (`listing`).

        Args:
            organization_id: Organization ID
        """
        return self._engines.listing(
            "B037",
            params=_given({"organization_id": organization_id}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def financing(
        self,
        *,
        organization_id: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[FinancingItem]:
        """B038 Financing: POST /synapse/organization/financing.

        Every item of the list, pages drained in order (`listing`).

        Args:
            organization_id: Organization ID
        """
        return self._engines.listing(
            "B038",
            params=_given({"organization_id": organization_id}),
            start=start,
            page_size=page_size,
            limit=limit,
        )


class DrugsOperations(Resource):
    """Drug Basic Data: the catalog's operations of this group (`client.drugs`)."""

    async def drug_basic_information(
        self,
        *,
        drug_id: str,
    ) -> Any:
        """B018 Drug basic information: GET /synapse/drug/detail.


        Args:
            drug_id: Drug ID, obtain this through the drug search interface or drug autocomplete
                interface
        """
        return await self._engines.call("B018", _given({"drug_id": drug_id}))

    async def drug_approval_information(
        self,
        *,
        drug_id: str,
    ) -> Any:
        """B019 Drug approval information: GET /synapse/drug/approval.


        Args:
            drug_id: Drug ID, obtain this through the drug search interface or drug autocomplete
                interface
        """
        return await self._engines.call("B019", _given({"drug_id": drug_id}))

    def drug_dev_status(
        self,
        *,
        drug_id: str,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[DrugDevStatusItem]:
        """B020 Drug Dev Status: GET /synapse/drug/dev-status.

        Every item of the list, pages drained in order (`listing`).

        Args:
            drug_id: Drug ID, obtain this through the drug search interface or drug autocomplete
                interface
        """
        return self._engines.listing(
            "B020",
            params=_given({"drug_id": drug_id}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def drug_regulatory_review(
        self,
        *,
        drug_id: str,
    ) -> Any:
        """B021 Drug Regulatory Review: GET /synapse/drug/special-approval.


        Args:
            drug_id: Drug ID, obtain this through the drug search interface or drug autocomplete
                interface
        """
        return await self._engines.call("B021", _given({"drug_id": drug_id}))

    async def target_basic_information(
        self,
        *,
        target_id: str,
    ) -> Any:
        """B040 Target basic information: GET /synapse/target/detail.


        Args:
            target_id: Target ID, obtain this through the target autocomplete interface
        """
        return await self._engines.call("B040", _given({"target_id": target_id}))

    async def target_analysis(
        self,
        *,
        target_id: str,
        type: Literal["ORGANIZATION", "DISEASE", "DRUG_TYPE"],
        roll_up: bool,
    ) -> Any:
        """B041 Target analysis: GET /synapse/target/analysis.


        Args:
            target_id: Target ID, obtain this through the target autocomplete interface
            type: Analysis type, enum: ORGANIZATION, DISEASE, DRUG_TYPE
            roll_up: Should the aggregation start from the headquarters as the root node? true -
                yes, false - no. The default is true
        """
        return await self._engines.call(
            "B041", _given({"target_id": target_id, "type": type, "roll_up": roll_up})
        )

    async def drug_xdc(
        self,
        *,
        drug_id: str,
    ) -> Any:
        """B047 Drug xdc: GET /synapse/drug/xdc.


        Args:
            drug_id: Drug ID, obtain this through the drug search interface or drug autocomplete
                interface
        """
        return await self._engines.call("B047", _given({"drug_id": drug_id}))

    async def drug_approval_file(
        self,
        *,
        drug_id: str | None = None,
        approval_id: list[Any] | None = None,
        approval_source: Literal["FDA", "EMA", "PMDA", "NMPA"] | None = None,
    ) -> Any:
        """B059 Drug approval file: POST /synapse/drug/approval/file.


        Args:
            drug_id: DRUG ID, MUST NOT be used with the 'approvalId' and 'approvalSource' field.
            approval_id: Drug Approval ID, MUST be used with the 'approvalSource' field. Obtain
                this through the [B019] Drug approval information interface
            approval_source: Approval Source, MUST be used with the 'approvalId' field.The value
                is an enum with the following values: FDA,EMA,PMDA,NMPA
        """
        return await self._engines.call(
            "B059",
            _given(
                {"drug_id": drug_id, "approval_id": approval_id, "approval_source": approval_source}
            ),
        )


class LegalOperations(Resource):
    """Patent Legal Data: the catalog's operations of this group (`client.legal`)."""

    async def legal_information(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[LegalInformationRecord]:
        """P026 Legal Information: GET /advanced-patent-data/legal-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P026", ids, by=by, params=_given({}), progress=progress)

    async def re_examination_and_invalidation(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[ReExaminationAndInvalidationRecord]:
        """P027 Re-examination and Invalidation: GET
        /advanced-patent-data/re-examination-and-invalidation.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P027", ids, by=by, params=_given({}), progress=progress)

    async def license(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[LicenseRecord]:
        """P028 License: GET /advanced-patent-data/license-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P028", ids, by=by, params=_given({}), progress=progress)

    async def transfer(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[TransferRecord]:
        """P029 Transfer: GET /advanced-patent-data/transfer-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P029", ids, by=by, params=_given({}), progress=progress)

    async def pledge(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[PledgeRecord]:
        """P030 Pledge: GET /advanced-patent-data/pledge-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P030", ids, by=by, params=_given({}), progress=progress)

    async def customs_record(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[CustomsRecordRecord]:
        """P031 Customs record: GET /advanced-patent-data/customs-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P031", ids, by=by, params=_given({}), progress=progress)

    async def award(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[AwardRecord]:
        """P032 Award: GET /advanced-patent-data/award-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P032", ids, by=by, params=_given({}), progress=progress)

    async def standard_essential_patent_sep(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[StandardEssentialPatentSepRecord]:
        """P033 Standard Essential Patent (SEP): GET /advanced-patent-data/sep-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P033", ids, by=by, params=_given({}), progress=progress)

    async def litigation(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[LitigationRecord]:
        """P034 Litigation: GET /high-value-data/litigation.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P034", ids, by=by, params=_given({}), progress=progress)

    async def status_of_unified_patent_court(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[StatusOfUnifiedPatentCourtRecord]:
        """P046 Status of Unified Patent Court: GET
        /advanced-patent-data/status-of-unified-patent-court.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P046", ids, by=by, params=_given({}), progress=progress)

    async def overseas_patent_examination_documents(
        self,
        *,
        apno: str | None = None,
        date_from: int | None = None,
        date_to: int | None = None,
        doc_code: str | None = None,
        limit_: int | None = None,
        offset: int | None = None,
        patent_id: str | None = None,
        patent_number: str | None = None,
    ) -> Any:
        """P048 Overseas Patent Examination Documents: POST
        /advanced-patent-data/overseas-patent-documents.


        Args:
            apno: application number
            date_from: File Send/Receive Date Start Time
            date_to: File Send/Receive Date End Time
            doc_code: File Type(s), supports multiple file types, separated by commas
            limit_: Return total file count
            offset: offset
            patent_id: patent id
            patent_number: patent number
        """
        return await self._engines.call(
            "P048",
            _given(
                {
                    "apno": apno,
                    "date_from": date_from,
                    "date_to": date_to,
                    "doc_code": doc_code,
                    "limit": limit_,
                    "offset": offset,
                    "patent_id": patent_id,
                    "patent_number": patent_number,
                }
            ),
        )


class LifeScienceSearchOperations(Resource):
    """LS Search: the catalog's operations of this group (`client.life_science_search`)."""

    def drug_search(
        self,
        *,
        drug: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        disease: Mapping[str, Any] | None = None,
        organization: Mapping[str, Any] | None = None,
        mechanism_action: Mapping[str, Any] | None = None,
        drug_type: Mapping[str, Any] | None = None,
        global_highest_dev_status: Literal[
            "Discovery",
            "Preclinical",
            "IND",
            "IND_Approval",
            "Early_Phase_1",
            "Phase_1",
            "Phase_1_2",
            "Phase_2",
            "Phase_2_3",
            "Phase_3",
            "NDA_BLA",
            "Approved",
            "Clinical",
            "Pending",
            "Discontinued",
            "Withdraw",
            "Suspended",
            "Unknown",
        ]
        | None = None,
        exist_deal: bool | None = None,
        dev_status: Literal[
            "Discovery",
            "Preclinical",
            "IND",
            "IND_Approval",
            "Early_Phase_1",
            "Phase_1",
            "Phase_1_2",
            "Phase_2",
            "Phase_2_3",
            "Phase_3",
            "NDA_BLA",
            "Approved",
            "Clinical",
            "Pending",
            "Discontinued",
            "Withdraw",
            "Suspended",
            "Unknown",
        ]
        | None = None,
        country: Literal["US", "EU", "JP", "CN", "Other"] | None = None,
        organization_type: Literal["Company", "University_Institution", "Other"] | None = None,
        employee_number: Literal[
            "LESS_THAN_10", "BETWEEN_10_AND_100", "BETWEEN_100_AND_500", "GREATER_THAN_500"
        ]
        | None = None,
        start_up: bool | None = None,
        sort: list[Any] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[DrugSearchItem]:
        """B007 Drug search: POST /synapse/drug/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            drug: drug
            target: target
            disease: disease
            organization: organization
            mechanism_action: mechanism_action
            drug_type: drug_type
            global_highest_dev_status: Drug Highest Phase. The value is an enum with the
                following values: Discovery, Preclinical, IND, IND_Approval, Early_Phase_1,
                Phase_1, Phase_1_2, Phase_2, Phase_2_3, Phase_3, NDA_BLA, Approved, …
            exist_deal: Whether Drug Deal Exist
            dev_status: Phase(By Indication). The value is an enum with the following values:
                Discovery, Preclinical, IND, IND_Approval, Early_Phase_1, Phase_1, Phase_1_2,
                Phase_2, Phase_2_3, Phase_3, NDA_BLA, Approved, …
            country: Phase(By Indication). The value is an enum with the following values: US,
                EU, JP, CN, Other
            organization_type: Organization Type. The value is an enum with the following values:
                Company, University_Institution, Other
            employee_number: Employee Number. The value is an enum with the following values:
                LESS_THAN_10, BETWEEN_10_AND_100, BETWEEN_100_AND_500, GREATER_THAN_500
            start_up: Whether Start-Up Organization
            sort: Field order, field can support: DRUG_TYPE_SORT, GLOBAL_HIGHEST_DEV_STATUS_RANK,
                FIRST_APPROVED_DATE; order can support:desc, asc (default desc)
        """
        return self._engines.listing(
            "B007",
            params=_given(
                {
                    "drug": drug,
                    "target": target,
                    "disease": disease,
                    "organization": organization,
                    "mechanism_action": mechanism_action,
                    "drug_type": drug_type,
                    "global_highest_dev_status": global_highest_dev_status,
                    "exist_deal": exist_deal,
                    "dev_status": dev_status,
                    "country": country,
                    "organization_type": organization_type,
                    "employee_number": employee_number,
                    "start_up": start_up,
                    "sort": sort,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def drug_core_patent_search(
        self,
        *,
        drug: Mapping[str, Any] | None = None,
        filter_dto: Mapping[str, Any] | None = None,
        legal_status: list[Any] | None = None,
        sort: list[Any] | None = None,
        drug_type: Mapping[str, Any] | None = None,
        drug_patent_type: Literal[
            "PRODUCT_COMPOUND_SEQUENCE",
            "DRUG_COMBINATION_FORMULATION",
            "PRODUCT_DERIVATIVE",
            "CRYSTAL_FORM",
            "PROCESS",
            "NEW_USE",
            "DOSAGE_FORM",
            "DEVICE",
            "DIAGNOSTIC_ANALYSIS_AND_ASSAY",
            "OTHERS",
        ]
        | None = None,
        patent_tech_type: Mapping[str, Any] | None = None,
        disease: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        source: Literal["FDA_PURPLE_BOOK", "FDA_ORANGE_BOOK", "CDE", "MEDSPAL", "VAXPAL", "MFDS"]
        | None = None,
        patent_assignee: Mapping[str, Any] | None = None,
        patent_country: list[Any] | None = None,
        simple_legal_status: Literal[
            "INACTIVE",
            "ACTIVE",
            "PENDING",
            "PCT_DESIGNATED_STAGE",
            "PCT_DESIGNATED_STAGE_EXPIRED",
            "UNDETERMINED",
        ]
        | None = None,
        isdt: Mapping[str, Any] | None = None,
        pbdt: Mapping[str, Any] | None = None,
        priority_date: Mapping[str, Any] | None = None,
        apdt: Mapping[str, Any] | None = None,
        exdt: Mapping[str, Any] | None = None,
        current_patent_assignee_type: list[Any] | None = None,
        inventor_name: list[Any] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[DrugCorePatentSearchItem]:
        """B009 Drug core patent search: POST /synapse/patent/core/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            drug: drug
            filter_dto: filter_dto
            legal_status: patent legal status
            sort: Field order, field can
                support:score,PBDT_YEARMONTHDAY,APD_YEARMONTHDAY,EXDT_TS; order can support:desc,
                asc(default desc)
            drug_type: drug_type
            drug_patent_type: Drug patent type. The value is an enum with the following values:
                PRODUCT_COMPOUND_SEQUENCE, DRUG_COMBINATION_FORMULATION, PRODUCT_DERIVATIVE,
                CRYSTAL_FORM, PROCESS, NEW_USE, DOSAGE_FORM, DEVICE, …
            patent_tech_type: patent_tech_type
            disease: disease
            target: target
            source: Patent Source. The value is an enum with the following values:
                FDA_PURPLE_BOOK, FDA_ORANGE_BOOK, CDE, MEDSPAL, VAXPAL, MFDS
            patent_assignee: patent_assignee
            patent_country: Authority, obtain this through the dictionary query interface
            simple_legal_status: Simple Legal Status. The value is an enum with the following
                values: INACTIVE, ACTIVE, PENDING, PCT_DESIGNATED_STAGE,
                PCT_DESIGNATED_STAGE_EXPIRED, UNDETERMINED
            isdt: isdt
            pbdt: pbdt
            priority_date: priority_date
            apdt: apdt
            exdt: exdt
            current_patent_assignee_type: current patent assignee type
            inventor_name: Inventor
        """
        return self._engines.listing(
            "B009",
            params=_given(
                {
                    "drug": drug,
                    "filter_dto": filter_dto,
                    "legal_status": legal_status,
                    "sort": sort,
                    "drug_type": drug_type,
                    "drug_patent_type": drug_patent_type,
                    "patent_tech_type": patent_tech_type,
                    "disease": disease,
                    "target": target,
                    "source": source,
                    "patent_assignee": patent_assignee,
                    "patent_country": patent_country,
                    "simple_legal_status": simple_legal_status,
                    "isdt": isdt,
                    "pbdt": pbdt,
                    "priority_date": priority_date,
                    "apdt": apdt,
                    "exdt": exdt,
                    "current_patent_assignee_type": current_patent_assignee_type,
                    "inventor_name": inventor_name,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def drug_core_patent_aggregation(
        self,
        *,
        aggregation_field: list[Any],
        drug: Mapping[str, Any] | None = None,
        drug_patent_type: Literal[
            "PRODUCT_COMPOUND_SEQUENCE",
            "DRUG_COMBINATION_FORMULATION",
            "PRODUCT_DERIVATIVE",
            "CRYSTAL_FORM",
            "PROCESS",
            "NEW_USE",
            "DOSAGE_FORM",
            "DEVICE",
            "DIAGNOSTIC_ANALYSIS_AND_ASSAY",
            "OTHERS",
        ]
        | None = None,
        drug_type: Mapping[str, Any] | None = None,
        patent_tech_type: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        disease: Mapping[str, Any] | None = None,
        source: Literal["FDA_PURPLE_BOOK", "FDA_ORANGE_BOOK", "CDE", "MEDSPAL", "VAXPAL", "MFDS"]
        | None = None,
        patent_assignee: Mapping[str, Any] | None = None,
        patent_country: list[Any] | None = None,
        simple_legal_status: Literal[
            "INACTIVE",
            "ACTIVE",
            "PENDING",
            "PCT_DESIGNATED_STAGE",
            "PCT_DESIGNATED_STAGE_EXPIRED",
            "UNDETERMINED",
        ]
        | None = None,
        pbdt: Mapping[str, Any] | None = None,
        apdt: Mapping[str, Any] | None = None,
        exdt: Mapping[str, Any] | None = None,
        isdt: Mapping[str, Any] | None = None,
        priority_date: Mapping[str, Any] | None = None,
        current_patent_assignee_type: list[Any] | None = None,
        inventor_name: list[Any] | None = None,
    ) -> Any:
        """B009-1 Drug core patent aggregation: POST /synapse/patent/core/aggregation.


        Args:
            aggregation_field: Aggregation field :
            drug: drug
            drug_patent_type: Drug patent type. The value is an enum with the following values:
                PRODUCT_COMPOUND_SEQUENCE, DRUG_COMBINATION_FORMULATION, PRODUCT_DERIVATIVE,
                CRYSTAL_FORM, PROCESS, NEW_USE, DOSAGE_FORM, DEVICE, …
            drug_type: drug_type
            patent_tech_type: patent_tech_type
            target: target
            disease: disease
            source: Patent Source. The value is an enum with the following values:
                FDA_PURPLE_BOOK, FDA_ORANGE_BOOK, CDE, MEDSPAL, VAXPAL, MFDS
            patent_assignee: patent_assignee
            patent_country: Authority, obtain this through the dictionary query interface
            simple_legal_status: Simple Legal Status. The value is an enum with the following
                values: INACTIVE, ACTIVE, PENDING, PCT_DESIGNATED_STAGE,
                PCT_DESIGNATED_STAGE_EXPIRED, UNDETERMINED
            pbdt: pbdt
            apdt: apdt
            exdt: exdt
            isdt: isdt
            priority_date: priority_date
            current_patent_assignee_type: current patent assignee type
            inventor_name: Inventor
        """
        return await self._engines.call(
            "B009-1",
            _given(
                {
                    "aggregation_field": aggregation_field,
                    "drug": drug,
                    "drug_patent_type": drug_patent_type,
                    "drug_type": drug_type,
                    "patent_tech_type": patent_tech_type,
                    "target": target,
                    "disease": disease,
                    "source": source,
                    "patent_assignee": patent_assignee,
                    "patent_country": patent_country,
                    "simple_legal_status": simple_legal_status,
                    "pbdt": pbdt,
                    "apdt": apdt,
                    "exdt": exdt,
                    "isdt": isdt,
                    "priority_date": priority_date,
                    "current_patent_assignee_type": current_patent_assignee_type,
                    "inventor_name": inventor_name,
                }
            ),
        )

    def medical_literature_search(
        self,
        *,
        keyword: Mapping[str, Any] | None = None,
        drug: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        disease: Mapping[str, Any] | None = None,
        organization: Mapping[str, Any] | None = None,
        drug_type: Mapping[str, Any] | None = None,
        author: list[Any] | None = None,
        publication_year: Mapping[str, Any] | None = None,
        sort: Literal["score", "PUBLICATION_DATE"] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[MedicalLiteratureSearchItem]:
        """B011 Medical Literature Search: POST /synapse/paper/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            keyword: keyword
            drug: drug
            target: target
            disease: disease
            organization: organization
            drug_type: drug_type
            author: Author
            publication_year: publication_year
            sort: Sorting fields. The value is an enum with the following values: score,
                PUBLICATION_DATE. The default sorting is by Relevancy descending order.
                Referencing "PaperSearchSortDto"
        """
        return self._engines.listing(
            "B011",
            params=_given(
                {
                    "keyword": keyword,
                    "drug": drug,
                    "target": target,
                    "disease": disease,
                    "organization": organization,
                    "drug_type": drug_type,
                    "author": author,
                    "publication_year": publication_year,
                    "sort": sort,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def clinical_trial_search(
        self,
        *,
        keyword: Mapping[str, Any] | None = None,
        main_experimentation_drug: Mapping[str, Any] | None = None,
        control_drug: Mapping[str, Any] | None = None,
        organization: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        mechanism_action: Mapping[str, Any] | None = None,
        disease: Mapping[str, Any] | None = None,
        drug_type: Mapping[str, Any] | None = None,
        study_identifier: Mapping[str, Any] | None = None,
        register_number: Mapping[str, Any] | None = None,
        title: Mapping[str, Any] | None = None,
        recruitment_status: Literal[
            "Not_Yet_Recruiting",
            "Recruiting",
            "Enrolling_By_Invitation",
            "Active_Not_Recruiting",
            "Suspended",
            "Terminated",
            "Completed",
            "Withdrawn",
            "Unknown_Status",
        ]
        | None = None,
        phase: Literal[
            "Early_Phase_1",
            "Phase_1",
            "Phase_1_2",
            "Phase_2",
            "Phase_2_3",
            "Phase_3",
            "Phase_4",
            "Not_Applicable",
        ]
        | None = None,
        start_date: Mapping[str, Any] | None = None,
        first_posted_date: Mapping[str, Any] | None = None,
        enrollment: Literal[
            "LESS_THAN_FIFTEEN",
            "FIFTEEN_TO_SIXTY",
            "SIXTY_TO_THREE_HUNDRED",
            "THREE_HUNDRED_TO_FIVE_HUNDRED",
            "GREATER_THAN_FIVE_HUNDRED",
        ]
        | None = None,
        organization_type: Literal["Company", "University_Institution", "Other"] | None = None,
        employee_number: Literal[
            "LESS_THAN_10", "BETWEEN_10_AND_100", "BETWEEN_100_AND_500", "GREATER_THAN_500"
        ]
        | None = None,
        country: Literal[
            "Asia",
            "North_America",
            "Europe",
            "Oceania",
            "South_America",
            "US",
            "EU",
            "CN",
            "JP",
            "Other",
        ]
        | None = None,
        therapeutic_area: list[Any] | None = None,
        sort: Literal["STUDY_FIRST_POSTED_DATE", "START_DATE", "LAST_UPDATE_POSTED_DATE"]
        | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ClinicalTrialSearchItem]:
        """B012 Clinical Trial Search: POST /synapse/clinical-trial/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            keyword: keyword
            main_experimentation_drug: main_experimentation_drug
            control_drug: control_drug
            organization: organization
            target: target
            mechanism_action: mechanism_action
            disease: disease
            drug_type: drug_type
            study_identifier: study_identifier
            register_number: register_number
            title: title
            recruitment_status: Recruitment Status, The value is an enum with the following
                values: Not_Yet_Recruiting, Recruiting, Enrolling_By_Invitation,
                Active_Not_Recruiting, Suspended, Terminated, Completed, Withdrawn, …
            phase: Study Phase, The value is an enum with the following values: Early_Phase_1,
                Phase_1, Phase_1_2, Phase_2, Phase_2_3, Phase_3, Phase_4, Not_Applicable
            start_date: start_date
            first_posted_date: first_posted_date
            enrollment: Enrollment, The value is an enum with the following values:
                LESS_THAN_FIFTEEN, FIFTEEN_TO_SIXTY, SIXTY_TO_THREE_HUNDRED,
                THREE_HUNDRED_TO_FIVE_HUNDRED, GREATER_THAN_FIVE_HUNDRED
            organization_type: Organization Type, The value is an enum with the following values:
                Company, University_Institution, Other
            employee_number: Employee Number, The value is an enum with the following values:
                LESS_THAN_10, BETWEEN_10_AND_100, BETWEEN_100_AND_500, GREATER_THAN_500
            country: Country/Location, The value is an enum with the following values: Asia,
                North_America, Europe, Oceania, South_America, US, EU, CN, JP, Other
            therapeutic_area: Therapeutic Areas, Retrieve therapeutic area id using the [B058].
            sort: Sorting fields. The value is an enum with the following values:
                STUDY_FIRST_POSTED_DATE, START_DATE, LAST_UPDATE_POSTED_DATE. The default sorting
                is by first post date, start date, and last post …
        """
        return self._engines.listing(
            "B012",
            params=_given(
                {
                    "keyword": keyword,
                    "main_experimentation_drug": main_experimentation_drug,
                    "control_drug": control_drug,
                    "organization": organization,
                    "target": target,
                    "mechanism_action": mechanism_action,
                    "disease": disease,
                    "drug_type": drug_type,
                    "study_identifier": study_identifier,
                    "register_number": register_number,
                    "title": title,
                    "recruitment_status": recruitment_status,
                    "phase": phase,
                    "start_date": start_date,
                    "first_posted_date": first_posted_date,
                    "enrollment": enrollment,
                    "organization_type": organization_type,
                    "employee_number": employee_number,
                    "country": country,
                    "therapeutic_area": therapeutic_area,
                    "sort": sort,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def medical_news_search(
        self,
        *,
        drug: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        disease: Mapping[str, Any] | None = None,
        organization: Mapping[str, Any] | None = None,
        keyword: Mapping[str, Any] | None = None,
        post_time: Mapping[str, Any] | None = None,
        sort: list[Any] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[MedicalNewsSearchItem]:
        """B043 Medical News Search: POST /synapse/news/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            drug: drug
            target: target
            disease: disease
            organization: organization
            keyword: keyword
            post_time: post_time
            sort: Sorting fields.The value is an enum with the following values: post_time.
                Default post_time descending order. Referencing "SortDto"
        """
        return self._engines.listing(
            "B043",
            params=_given(
                {
                    "drug": drug,
                    "target": target,
                    "disease": disease,
                    "organization": organization,
                    "keyword": keyword,
                    "post_time": post_time,
                    "sort": sort,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def clinical_result_search(
        self,
        *,
        main_experimentation_drug: Mapping[str, Any] | None = None,
        overall_enrollment: Mapping[str, Any] | None = None,
        sort: list[Any] | None = None,
        disease: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        sponsor_collaborator_organization: Mapping[str, Any] | None = None,
        study_code: list[Any] | None = None,
        register_number: list[Any] | None = None,
        drug_type: Mapping[str, Any] | None = None,
        control_drug: Mapping[str, Any] | None = None,
        therapeutic_area: list[Any] | None = None,
        mechanism_action: Mapping[str, Any] | None = None,
        ct_result_meeting: list[Any] | None = None,
        outcome: Mapping[str, Any] | None = None,
        therapy_type: Literal[
            "FIRST_LINE",
            "SECOND_LINE",
            "THIRD_LINE",
            "LAST_LINE",
            "ADJUVANT",
            "NEOADJUVANT",
            "MAINTENANCE",
            "CONSOLIDATION",
            "ADD_ON",
            "INDUCTION",
        ]
        | None = None,
        phase: Literal[
            "Early_Phase_1",
            "Phase_1",
            "Phase_1_2",
            "Phase_2",
            "Phase_2_3",
            "Phase_3",
            "Phase_4",
            "Not_Applicable",
        ]
        | None = None,
        publish_time: Mapping[str, Any] | None = None,
        general_evaluation: Literal[
            "SUPERIORITY", "POSITIVE", "NON_INFERIORITY", "SIMILAR", "NON_SUPERIORITY"
        ]
        | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ClinicalResultSearchItem]:
        """B044 clinical result search: POST /synapse/ct-result/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            main_experimentation_drug: main_experimentation_drug
            overall_enrollment: overall_enrollment
            sort: Field order, field can support:ANNOTATION_METHOD_RANK; order can support:desc,
                asc(default desc)
            disease: disease
            target: target
            sponsor_collaborator_organization: sponsor_collaborator_organization
            study_code: Study Code
            register_number: Register Number
            drug_type: drug_type
            control_drug: control_drug
            therapeutic_area: Therapeutic Areas, Retrieve therapeutic area id using the [B058].
            mechanism_action: mechanism_action
            ct_result_meeting: Clinical trial result meeting ID, obtain this through the
                dictionary query interface
            outcome: outcome
            therapy_type: Therapy Type. The value is an enum with the following values:
                FIRST_LINE, SECOND_LINE, THIRD_LINE, LAST_LINE, ADJUVANT, NEOADJUVANT,
                MAINTENANCE, CONSOLIDATION, ADD_ON, INDUCTION.
            phase: Trial Phase. The value is an enum with the following values: Early_Phase_1,
                Phase_1, Phase_1_2, Phase_2, Phase_2_3, Phase_3, Phase_4, Not_Applicable.
            publish_time: publish_time
            general_evaluation: General Evaluation. The value is an enum with the following
                values: SUPERIORITY, POSITIVE, NON_INFERIORITY, SIMILAR, NON_SUPERIORITY.
        """
        return self._engines.listing(
            "B044",
            params=_given(
                {
                    "main_experimentation_drug": main_experimentation_drug,
                    "overall_enrollment": overall_enrollment,
                    "sort": sort,
                    "disease": disease,
                    "target": target,
                    "sponsor_collaborator_organization": sponsor_collaborator_organization,
                    "study_code": study_code,
                    "register_number": register_number,
                    "drug_type": drug_type,
                    "control_drug": control_drug,
                    "therapeutic_area": therapeutic_area,
                    "mechanism_action": mechanism_action,
                    "ct_result_meeting": ct_result_meeting,
                    "outcome": outcome,
                    "therapy_type": therapy_type,
                    "phase": phase,
                    "publish_time": publish_time,
                    "general_evaluation": general_evaluation,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def medical_deal_search(
        self,
        *,
        drug: Mapping[str, Any] | None = None,
        drug_type: Mapping[str, Any] | None = None,
        principle: Mapping[str, Any] | None = None,
        partner: Mapping[str, Any] | None = None,
        target: Mapping[str, Any] | None = None,
        mechanism_action: Mapping[str, Any] | None = None,
        drug_disease: Mapping[str, Any] | None = None,
        deal_disease: Mapping[str, Any] | None = None,
        highest_dev_status: Literal[
            "Discovery",
            "Preclinical",
            "IND",
            "IND_Approval",
            "Early_Phase_1",
            "Phase_1",
            "Phase_1_2",
            "Phase_2",
            "Phase_2_3",
            "Phase_3",
            "NDA_BLA",
            "Approved",
            "Clinical",
            "Pending",
            "Discontinued",
            "Withdraw",
            "Suspended",
            "Unknown",
        ]
        | None = None,
        country: Literal["US", "JP", "CN", "EU", "OTHER"] | None = None,
        deal_type: Literal["Collaboration", "License", "Acquisition", "Investment", "Option"]
        | None = None,
        amount_disclosure: bool | None = None,
        deal_total_value: Mapping[str, Any] | None = None,
        deal_upfront_payment: Mapping[str, Any] | None = None,
        deal_milestone_payment: Mapping[str, Any] | None = None,
        deal_time: Mapping[str, Any] | None = None,
        keyword: Mapping[str, Any] | None = None,
        sort: Literal["DEAL_TIME", "TOTAL_VALUE", "NORMALIZED_PHASE_SIGN_RANK_MAX"] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[MedicalDealSearchItem]:
        """B045 Medical Deal Search: POST /synapse/drug-deal/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            drug: drug
            drug_type: drug_type
            principle: principle
            partner: partner
            target: target
            mechanism_action: mechanism_action
            drug_disease: drug_disease
            deal_disease: deal_disease
            highest_dev_status: Highest Phase (Deal). The value is an enum with the following
                values: Discovery, Preclinical, IND, IND_Approval, Early_Phase_1, Phase_1,
                Phase_1_2, Phase_2, Phase_2_3, Phase_3, NDA_BLA, Approved, …
            country: Country/Location. The value is an enum with the following values: US, JP,
                CN, EU, OTHER.
            deal_type: Agreement Type. The value is an enum with the following values:
                Collaboration, License, Acquisition, Investment, Option
            amount_disclosure: Amount Fully Disclosed
            deal_total_value: deal_total_value
            deal_upfront_payment: deal_upfront_payment
            deal_milestone_payment: deal_milestone_payment
            deal_time: deal_time
            keyword: keyword
            sort: Sorting fields. The value is an enum with the following values: DEAL_TIME,
                TOTAL_VALUE, NORMALIZED_PHASE_SIGN_RANK_MAX. The default sorting is by deal time,
                total value, and highest R&D phase, all in …
        """
        return self._engines.listing(
            "B045",
            params=_given(
                {
                    "drug": drug,
                    "drug_type": drug_type,
                    "principle": principle,
                    "partner": partner,
                    "target": target,
                    "mechanism_action": mechanism_action,
                    "drug_disease": drug_disease,
                    "deal_disease": deal_disease,
                    "highest_dev_status": highest_dev_status,
                    "country": country,
                    "deal_type": deal_type,
                    "amount_disclosure": amount_disclosure,
                    "deal_total_value": deal_total_value,
                    "deal_upfront_payment": deal_upfront_payment,
                    "deal_milestone_payment": deal_milestone_payment,
                    "deal_time": deal_time,
                    "keyword": keyword,
                    "sort": sort,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def translational_medicine_search(
        self,
        *,
        conference: list[Any] | None = None,
        disease: list[Any] | None = None,
        drug: Mapping[str, Any] | None = None,
        drug_type: list[Any] | None = None,
        journal: list[Any] | None = None,
        keywords: Mapping[str, Any] | None = None,
        mechanism: list[Any] | None = None,
        organizations: list[Any] | None = None,
        publication_date: Mapping[str, Any] | None = None,
        sort: list[Any] | None = None,
        subject: list[Any] | None = None,
        target: Mapping[str, Any] | None = None,
        translation_stage: list[Any] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[TranslationalMedicineSearchItem]:
        """B069 Translational medicine search: POST /synapse/translational/medicine/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            conference: Conference name, ASN 2025 | ESMO 2025 | EHA 2025 | ASCO 2025 | AACR 2025
                | ESMO_ELCC 2025 | ASCO_GU 2025 | ASCO_GI 2025 | ASH 2024
            disease: Disease
            drug: drug
            drug_type: Drug type
            journal: Journal name, Nature | Science | Cell | Lancet | N Engl J Med | Proc Natl
                Acad Sci U S A | Nat Commun | Nat Genet | Nat Med | Sci Transl Med | J Med Chem
            keywords: keywords
            mechanism: Mechanism of action
            organizations: Organization
            publication_date: publication_date
            sort: Field sorting, field supports: PUB_DT, order supports desc, asc (default desc)
            subject: Subject/Tag, Epidemiology|Pathogenesis|Target|Biomarker|Structural
                Biology|Discovery/Preclinical|Phase 1 Clinical|Phase 1/2 Clinical|Phase 2
                Clinical|Phase 2/3 Clinical|Phase 3 …
            target: target
            translation_stage: Translational Stage, T0 | T1 | T2 | T3
        """
        return self._engines.listing(
            "B069",
            params=_given(
                {
                    "conference": conference,
                    "disease": disease,
                    "drug": drug,
                    "drug_type": drug_type,
                    "journal": journal,
                    "keywords": keywords,
                    "mechanism": mechanism,
                    "organizations": organizations,
                    "publication_date": publication_date,
                    "sort": sort,
                    "subject": subject,
                    "target": target,
                    "translation_stage": translation_stage,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )


class LiteratureOperations(Resource):
    """Literature Data: the catalog's operations of this group (`client.literature`)."""

    def literature_search(
        self,
        *,
        date_time: str | None = None,
        query_text: str | None = None,
        text: str | None = None,
        type: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[LiteratureSearchItem]:
        """L001 Literature Search: POST /search/literature/query-search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            date_time: Publication timestamp range
            query_text: You can search and query our global literature repository by entering
                document titles, abstracts, authors, and other metadata.
            text: The text input for literature search.
            type: Supported text types for literature include:
        """
        return self._engines.listing(
            "L001",
            params=_given(
                {"date_time": date_time, "query_text": query_text, "text": text, "type": type}
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def literature_bibliographic_information(
        self,
        *,
        doi: str | None = None,
        paper_id: str | None = None,
    ) -> Any:
        """L010 Literature Bibliographic Information: POST /literature/bibliography.


        Args:
            doi: DOI (only a single doi issupported)
            paper_id: paper id
        """
        return await self._engines.call("L010", _given({"doi": doi, "paper_id": paper_id}))

    async def literature_author_and_affiliation(
        self,
        *,
        doi: str | None = None,
        paper_id: str | None = None,
    ) -> Any:
        """L011 Literature Author and Affiliation: POST /literature/author-affiliation.


        Args:
            doi: DOI (only a single doi issupported)
            paper_id: paper id
        """
        return await self._engines.call("L011", _given({"doi": doi, "paper_id": paper_id}))

    async def literature_citation(
        self,
        *,
        doi: str | None = None,
        page_number: int | None = None,
        paper_id: str | None = None,
    ) -> Any:
        """L012 Literature Citation: POST /literature/citation.


        Args:
            doi: DOI (only a single doi issupported)
            page_number: Current page number
            paper_id: paper id
        """
        return await self._engines.call(
            "L012", _given({"doi": doi, "page_number": page_number, "paper_id": paper_id})
        )

    async def journal(
        self,
        *,
        doi: str | None = None,
        paper_id: str | None = None,
    ) -> Any:
        """L014 Journal: POST /literature/journal.


        Args:
            doi: DOI (only a single doi issupported)
            paper_id: paper id
        """
        return await self._engines.call("L014", _given({"doi": doi, "paper_id": paper_id}))


class MiningOperations(Resource):
    """Patent Mining Data: the catalog's operations of this group (`client.mining`)."""

    async def strategic_emerging_industry_classification_seic(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        lang: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[StrategicEmergingIndustryClassificationSeicRecord]:
        """P022 Strategic Emerging Industry Classification (SEIC): GET
        /high-value-data/seic-classification.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            lang: Select the language , you can choose cn or en.
        """
        return await self._engines.lookup(
            "P022", ids, by=by, params=_given({"lang": lang}), progress=progress
        )

    async def application_domain(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        lang: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[ApplicationDomainRecord]:
        """P023 Application Domain: GET /high-value-data/application-domain.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            lang: Select the language , you can choose cn or en.
        """
        return await self._engines.lookup(
            "P023", ids, by=by, params=_given({"lang": lang}), progress=progress
        )

    async def technology_topic(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        lang: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[TechnologyTopicRecord]:
        """P024 Technology Topic: GET /high-value-data/technology-topic.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            lang: Select the language , you can choose cn or en.
        """
        return await self._engines.lookup(
            "P024", ids, by=by, params=_given({"lang": lang}), progress=progress
        )

    async def the_three_elements_of_patent_technology(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        lang: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[TheThreeElementsOfPatentTechnologyRecord]:
        """P025 The Three Elements of Patent Technology: GET
        /high-value-data/tech-problem-and-benefit-summary.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            lang: Select the language , you can choose cn or en.
        """
        return await self._engines.lookup(
            "P025", ids, by=by, params=_given({"lang": lang}), progress=progress
        )

    async def patent_intelligent_attached_image(
        self,
        *,
        lang: str,
        patent_id: str | None = None,
        pn: str | None = None,
    ) -> Any:
        """P063 Patent intelligent attached image: POST
        /search/patent/intelligent-attached-image.


        Args:
            lang: language(cn/en)
            patent_id: Patent Id
            pn: Patent Number
        """
        return await self._engines.call(
            "P063", _given({"lang": lang, "patent_id": patent_id, "pn": pn})
        )

    async def patent_enhanced_data(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        fields: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[PatentEnhancedDataRecord]:
        """P064 Patent Enhanced Data: GET /basic-patent-data/patent_enhanced_data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            fields: the fields you want received, multiple fields are separated by commas.
        """
        return await self._engines.lookup(
            "P064", ids, by=by, params=_given({"fields": fields}), progress=progress
        )

    async def patent_classification_description(
        self,
        *,
        code: str,
        type: Literal["ipc", "cpc", "upc", "gbc", "loc", "fi", "fterm"],
        replace_by_merge: int | None = None,
    ) -> Any:
        """P066 Patent Classification Description: POST
        /high-value-data/patent-classification-description.


        Args:
            code: patent classification code, character length <= 150. Batch requests needs to be
                <= 10 classification codes, and separated by English commas
            type: patent classification type, character length <= 5 enumeration value: ipc, cpc,
                upc, gbc, loc, fi, fterm
            replace_by_merge: When the current patent classification type is ipc or cpc, should
                historical data be used as a substitute? Default substitution: 1: Yes 0: No.
        """
        return await self._engines.call(
            "P066", _given({"code": code, "type": type, "replace_by_merge": replace_by_merge})
        )

    async def patent_pum(
        self,
        *,
        patent_id: str | None = None,
        patent_number: str | None = None,
    ) -> Any:
        """P100 patent PUM: POST /material/patent-pum.


        Args:
            patent_id: patent_id
            patent_number: patent_number
        """
        return await self._engines.call(
            "P100", _given({"patent_id": patent_id, "patent_number": patent_number})
        )

    async def material_ontology(
        self,
        *,
        patent_id: str | None = None,
        patent_number: str | None = None,
    ) -> Any:
        """P101 material ontology: POST /material/material-ontology.


        Args:
            patent_id: patent_id
            patent_number: patent_number
        """
        return await self._engines.call(
            "P101", _given({"patent_id": patent_id, "patent_number": patent_number})
        )

    async def material_substance(
        self,
        *,
        patent_id: str | None = None,
        patent_number: str | None = None,
    ) -> Any:
        """P102 material substance: POST /material/material-substance.


        Args:
            patent_id: patent_id
            patent_number: patent_number
        """
        return await self._engines.call(
            "P102", _given({"patent_id": patent_id, "patent_number": patent_number})
        )

    async def patent_spum(
        self,
        *,
        patent_id: str | None = None,
        patent_number: str | None = None,
    ) -> Any:
        """P103 patent SPUM: POST /material/material-spum.


        Args:
            patent_id: patent_id
            patent_number: patent_number
        """
        return await self._engines.call(
            "P103", _given({"patent_id": patent_id, "patent_number": patent_number})
        )


class MonitoringOperations(Resource):
    """Patent Monitor and Export: the catalog's operations of this group (`client.monitoring`)."""

    async def create_patent_monitor_project(
        self,
        *,
        content: str,
        query: str,
        alert_name: str | None = None,
    ) -> Any:
        """P056 Create Patent Monitor Project: GET /patent-alert/create.


        Args:
            content: 1.New patents(new):Alert when a new patent matching the search query is
                published
            query: query of the monitor project
            alert_name: monitor name or tag, up to 50 characters
        """
        return await self._engines.call(
            "P056", _given({"content": content, "query": query, "alert_name": alert_name})
        )

    async def check_monitor_project_status(
        self,
        *,
        alert_id: str,
    ) -> Any:
        """P057 Check Monitor Project Status: GET /patent-alert/check.


        Args:
            alert_id: monitor project ID
        """
        return await self._engines.call("P057", _given({"alert_id": alert_id}))

    async def edit_patent_monitor_project(
        self,
        *,
        alert_id: str,
        alert_name: str | None = None,
        content: str | None = None,
        query: str | None = None,
    ) -> Any:
        """P058 Edit Patent Monitor Project: GET /patent-alert/update.


        Args:
            alert_id: monitor project ID
            alert_name: monitor name or tag, up to 50 characters
            content: 1.New patents(new):Alert when a new patent matching the search query is
                published
            query: query of the monitor project
        """
        return await self._engines.call(
            "P058",
            _given(
                {"alert_id": alert_id, "alert_name": alert_name, "content": content, "query": query}
            ),
        )

    async def delete_patent_monitor_project(
        self,
        *,
        alert_id: str,
    ) -> Any:
        """P059 Delete Patent Monitor Project: DELETE /patent-alert/delete.


        Args:
            alert_id: monitor project ID
        """
        return await self._engines.call("P059", _given({"alert_id": alert_id}))


class NoveltySearchOperations(Resource):
    """Novelty Search: the catalog's operations of this group (`client.novelty_search`)."""

    async def novelty_check_add_comparison_document_or_patent(
        self,
        *,
        request: Mapping[str, Any],
        tech_features: list[Any],
    ) -> Any:
        """AI35-12 Novelty Check - Add Comparison Document or Patent: POST
        /ai/novelty-search/feature/comparison/generate.


        Args:
            request: request
            tech_features: Technical features list
        """
        return await self._engines.call(
            "AI35-12", _given({"request": request, "tech_features": tech_features})
        )


class OthersOperations(Resource):
    """Others: the catalog's operations of this group (`client.others`)."""

    async def drug_ddt_ner(
        self,
        *,
        lang: str,
        text: str,
        source: str | None = None,
    ) -> Any:
        """AI01 Drug DDT NER: POST /ai/ner/ddt-ner.


        Args:
            lang: text language, support cn and en
            text: The text of drug DDT information needs to be extracted. Chinese text is
                required to be no more than 500 characters or English text no more than 500 words
            source: text source:patent/literature/news, default patent
        """
        return await self._engines.call(
            "AI01", _given({"lang": lang, "text": text, "source": source})
        )

    async def news_entity_recognition_ner(
        self,
        *,
        lang: str,
        text: str,
    ) -> Any:
        """AI03 News Entity Recognition(NER): POST /ai/ner/news-ner.


        Args:
            lang: Choose the language of the input text:
            text: News text content. Chinese text is required to be no more than 500 characters
                or English text no more than 500 words
        """
        return await self._engines.call("AI03", _given({"lang": lang, "text": text}))

    async def similar_patent_search_and_comparison(
        self,
        *,
        tech_means: str,
        country: list[Any] | None = None,
        legal_status: list[Any] | None = None,
        limit_: int | None = None,
        tech_effect: str | None = None,
    ) -> Any:
        """AI30 Similar Patent Search and Comparison: POST
        /search/patent/similar-patent-comparison.


        Args:
            tech_means: technical means
            country: Select the authority of the patent, the default query all databases, eg CN,
                US, KR.
            legal_status: Simple legal status, default select all, enumerated as
                follows:Inactive, Active, Pending, PCTdesignated stage, PCTdesignated stage
                expired, Undetermined
            limit_: Return the number of patents, with a maximum of 20, default is 20
            tech_effect: technical effects
        """
        return await self._engines.call(
            "AI30",
            _given(
                {
                    "tech_means": tech_means,
                    "country": country,
                    "legal_status": legal_status,
                    "limit": limit_,
                    "tech_effect": tech_effect,
                }
            ),
        )

    async def patent_invention_points_summary(
        self,
        *,
        lang: str,
        patent_id: str | None = None,
        pn: str | None = None,
    ) -> Any:
        """AI31 Patent Invention Points Summary: POST
        /search/patent/patent-core-invention-points.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            patent_id: patent ID
            pn: patent publication number
        """
        return await self._engines.call(
            "AI31", _given({"lang": lang, "patent_id": patent_id, "pn": pn})
        )

    async def obtain_offline_report(
        self,
        *,
        agent_type: str,
        company_id: str,
        lang: str,
        email: str | None = None,
        end_time: int | None = None,
        page: int | None = None,
        phone: str | None = None,
        start_time: int | None = None,
        task_id_list: list[Any] | None = None,
    ) -> Any:
        """AI71 Obtain Offline Report: POST /ai/sso/agent/export-link.


        Args:
            agent_type: Agent type, used to filter specific types of Agent records. Supported
                types: ai_patent_disclosure - [AI32] Patent Disclosure
            company_id: Company ID
            lang: language CN / EN / TW / JP
            email: User email
            end_time: End timestamp (milliseconds)
            page: Page number, starting from 1
            phone: phone number
            start_time: Start timestamp (milliseconds)
            task_id_list: Task ID list, if provided, use these task IDs directly to get export
                links, otherwise query history records based on other conditions. Maximum 5 task
                IDs supported
        """
        return await self._engines.call(
            "AI71",
            _given(
                {
                    "agent_type": agent_type,
                    "company_id": company_id,
                    "lang": lang,
                    "email": email,
                    "end_time": end_time,
                    "page": page,
                    "phone": phone,
                    "start_time": start_time,
                    "task_id_list": task_id_list,
                }
            ),
        )

    async def batch_obtain_offline_history_record(
        self,
        *,
        company_id: str,
        user_accounts: list[Any],
        end_time: int | None = None,
        page: int | None = None,
        start_time: int | None = None,
    ) -> Any:
        """AI72 Batch Obtain Offline History Record: POST /ai/sso/agent/batch-history.


        Args:
            company_id: Company ID
            user_accounts: User account list, up to 20, each account contains email and phone
            end_time: End timestamp (milliseconds)
            page: Page number, starting from 1
            start_time: Start timestamp (milliseconds)
        """
        return await self._engines.call(
            "AI72.batch-history",
            _given(
                {
                    "company_id": company_id,
                    "user_accounts": user_accounts,
                    "end_time": end_time,
                    "page": page,
                    "start_time": start_time,
                }
            ),
        )

    async def obtain_offline_history_record(
        self,
        *,
        company_id: str,
        email: str,
        phone: str,
        end_time: int | None = None,
        page: int | None = None,
        start_time: int | None = None,
    ) -> Any:
        """AI72 Obtain Offline History Record: POST /ai/sso/agent/history.


        Args:
            company_id: Company ID
            email: User email
            phone: phone number
            end_time: End timestamp (milliseconds)
            page: Page number, starting from 1
            start_time: Start timestamp (milliseconds)
        """
        return await self._engines.call(
            "AI72.history",
            _given(
                {
                    "company_id": company_id,
                    "email": email,
                    "phone": phone,
                    "end_time": end_time,
                    "page": page,
                    "start_time": start_time,
                }
            ),
        )

    async def list_company_tech_monitors(
        self,
        *,
        x_site_lang: str,
    ) -> Any:
        """AI88-1 List Company Tech Monitors: GET /eureka/tech-monitor-api/company-monitors.


        Args:
            x_site_lang: Language(CN|EN)
        """
        return await self._engines.call("AI88-1", _given({"X-Site-Lang": x_site_lang}))

    async def get_aggregated_company_tech_monitor_info(
        self,
        *,
        tech_monitor_id: str,
        x_site_lang: str,
        report_week: str | None = None,
    ) -> Any:
        """AI88-2 Get Aggregated Company Tech Monitor Info: GET
        /eureka/tech-monitor-api/company-monitor/aggregated-info.


        Args:
            tech_monitor_id: The ID of the company tech monitor
            x_site_lang: Language(CN|EN)
            report_week: The report week of the company tech monitor
        """
        return await self._engines.call(
            "AI88-2",
            _given(
                {
                    "tech-monitor-id": tech_monitor_id,
                    "X-Site-Lang": x_site_lang,
                    "report_week": report_week,
                }
            ),
        )

    async def document_parsing(
        self,
        *,
        file: bytes | tuple[str, bytes] | Path,
        output_format: str | None = None,
    ) -> Any:
        """L016 Document Parsing: POST /rd-llm/v1/documents/doc_parsing.


        Args:
            file: File to parse. Supported types: png, jpg, jpeg, pdf, doc, docx, ppt, pptx, xls,
                and xlsx. Each file must not exceed 20 MB or 200 pages.
            output_format: Output format: both returns structured JSONL data and Markdown; jsonl
                returns structured JSONL data only; markdown returns Markdown only. The returned
                image link is a signed link with a validity …
        """
        return await self._engines.call(
            "L016", _given({"file": file, "output_format": output_format})
        )

    async def layout_only_parsing_no_ocr(
        self,
        *,
        file: bytes | tuple[str, bytes] | Path,
    ) -> Any:
        """L017 Layout-only Parsing (No OCR): POST /rd-llm/v1/documents/layout_parsing.


        Args:
            file: File to analyze for layout.
        """
        return await self._engines.call("L017", _given({"file": file}))


class PatentsOperations(Resource):
    """Patent Basic Data: the catalog's operations of this group (`client.patents`)."""

    async def simple_biblio(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[SimpleBiblioRecord]:
        """P011 Simple Biblio: GET /basic-patent-data/simple-bibliography.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P011", ids, by=by, params=_given({}), progress=progress)

    async def biblio(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[BiblioRecord]:
        """P012 Biblio: GET /basic-patent-data/bibliography.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P012", ids, by=by, params=_given({}), progress=progress)

    async def patent_legal_status(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[PatentLegalStatusRecord]:
        """P013 Patent Legal Status: GET /basic-patent-data/legal-status.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P013", ids, by=by, params=_given({}), progress=progress)

    async def patent_citation(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[PatentCitationRecord]:
        """P016 Patent Citation: GET /advanced-patent-data/forward-citation.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P016", ids, by=by, params=_given({}), progress=progress)

    async def claim(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        replace_by_related: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[ClaimRecord]:
        """P018 Claim: GET /basic-patent-data/claim-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            replace_by_related: When the claims of current patent is unavailable, whether to
                replace it with the claims of its family patent?default not to replace:
        """
        return await self._engines.lookup(
            "P018",
            ids,
            by=by,
            params=_given({"replace_by_related": replace_by_related}),
            progress=progress,
        )

    async def description(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        replace_by_related: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[DescriptionRecord]:
        """P019 Description: GET /basic-patent-data/description-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            replace_by_related: When the description of current patent is unavailable, whether to
                replace it with the description of its family patent?default not to replace:
        """
        return await self._engines.lookup(
            "P019",
            ids,
            by=by,
            params=_given({"replace_by_related": replace_by_related}),
            progress=progress,
        )

    async def pdf(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        replace_by_related: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[PdfRecord]:
        """P020 PDF: GET /basic-patent-data/pdf-data.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            replace_by_related: When the PDF of current patent is unavailable, whether to replace
                it with the PDF of its family patent?default not to replace:
        """
        return await self._engines.lookup(
            "P020",
            ids,
            by=by,
            params=_given({"replace_by_related": replace_by_related}),
            progress=progress,
        )

    async def abstract_image(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[AbstractImageRecord]:
        """P021 Abstract Image: GET /basic-patent-data/abstract-image.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P021", ids, by=by, params=_given({}), progress=progress)

    async def simple_legal_status_p041(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[SimpleLegalStatusP041Record]:
        """P041 Simple Legal Status: GET /basic-patent-data/simple-legal-status.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P041", ids, by=by, params=_given({}), progress=progress)

    def fulltext_image(
        self,
        *,
        patent_id: str | None = None,
        patent_number: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[FulltextImageItem]:
        """P042 Fulltext Image: POST /basic-patent-data/fulltext-image.

        Every item of the list, pages drained in order (`listing`).

        Args:
            patent_id: patent id
            patent_number: patent number
        """
        return self._engines.listing(
            "P042.image",
            params=_given({"patent_id": patent_id, "patent_number": patent_number}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def fulltext_inline_image(
        self,
        *,
        patent_id: str | None = None,
        patent_number: str | None = None,
    ) -> Any:
        """P042 Fulltext Inline Image: GET /basic-patent-data/fulltext-inline-image.


        Args:
            patent_id: patent_id
            patent_number: patent_number
        """
        return await self._engines.call(
            "P042.inline-image", _given({"patent_id": patent_id, "patent_number": patent_number})
        )

    async def abstract_translated(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        lang: str | None = None,
        replace_by_related: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[AbstractTranslatedRecord]:
        """P043 Abstract (Translated): GET /basic-patent-data/abstract-data-translated.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            lang: translation language, support cn, en, jp
            replace_by_related: When the abstract of current patent is unavailable, whether to
                replace it with the abstract of its family patent?default not to replace: 1. Yes
                0: No
        """
        return await self._engines.lookup(
            "P043",
            ids,
            by=by,
            params=_given({"lang": lang, "replace_by_related": replace_by_related}),
            progress=progress,
        )

    async def claim_translated(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        lang: str | None = None,
        replace_by_related: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[ClaimTranslatedRecord]:
        """P044 Claim (Translated): GET /basic-patent-data/claim-data-translated.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            lang: translation language, support cn, en, jp
            replace_by_related: When the claims of current patent is unavailable, whether to
                replace it with the claims of its family patent?default not to replace: 1. Yes 0:
                No
        """
        return await self._engines.lookup(
            "P044",
            ids,
            by=by,
            params=_given({"lang": lang, "replace_by_related": replace_by_related}),
            progress=progress,
        )

    async def description_translated(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        lang: str | None = None,
        replace_by_related: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[DescriptionTranslatedRecord]:
        """P045 Description (Translated): GET /basic-patent-data/description-data-translated.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
            lang: translation language, support cn, en, jp
            replace_by_related: When the description of current patent is unavailable, whether to
                replace it with the description of its family patent?default not to replace: 1.
                Yes 0: No
        """
        return await self._engines.lookup(
            "P045",
            ids,
            by=by,
            params=_given({"lang": lang, "replace_by_related": replace_by_related}),
            progress=progress,
        )

    async def fulltext_navigation_location_information(
        self,
        *,
        lang: str | None = None,
        patent_id: str | None = None,
        patent_number: str | None = None,
    ) -> Any:
        """P073 Fulltext navigation location information: GET
        /basic-patent-data/description-offset.


        Args:
            lang: text language,Only EN, CN, JP, KR, and TW are supported.default EN
            patent_id: patent_id
            patent_number: patent_number
        """
        return await self._engines.call(
            "P073", _given({"lang": lang, "patent_id": patent_id, "patent_number": patent_number})
        )


class SearchOperations(Resource):
    """Patent Data Search: the catalog's operations of this group (`client.search`)."""

    async def analytics_query_search_count(
        self,
        *,
        query_text: str,
        collapse_order: str | None = None,
        collapse_by: str | None = None,
        collapse_type: str | None = None,
    ) -> Any:
        """P001 Analytics Query Search Count: POST /search/patent/query-search-count.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_order: When collapse_type="APNO", and collapse_by="APD" or "PBD", the
                collapse_order can be set as "OLDEST" or "LATEST", means keep the patent date of
                oldest or latest one
            collapse_by: "APD" means order according to application date;
            collapse_type: "ALL" or Null value means no collapse;
        """
        return await self._engines.call(
            "P001",
            _given(
                {
                    "query_text": query_text,
                    "collapse_order": collapse_order,
                    "collapse_by": collapse_by,
                    "collapse_type": collapse_type,
                }
            ),
        )

    async def analytics_query_search_and_filter(
        self,
        *,
        offset: int,
        query: str,
        field: str,
        limit_: int,
        lang: str | None = None,
    ) -> Any:
        """P003 Analytics Query Search and Filter: POST /patent-field/query.


        Args:
            offset: 0 <= offset+limit <= 200
            query: query
            field: Filter item result set, please enter the field code, up to 5 fields are
                supported, separated by comma. ASSIGNEE: standard - the current applicant
                (patent)
            limit_: Returns the number of statistical results, 1 <= limit <= 100,default is 50
            lang: Select the language, the default language is cn, you can choose cn, en or jp.
        """
        return await self._engines.call(
            "P003",
            _given(
                {"offset": offset, "query": query, "field": field, "limit": limit_, "lang": lang}
            ),
        )

    def original_applicant_search(
        self,
        *,
        application: str,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[OriginalApplicantSearchItem]:
        """P004 Original Applicant Search: POST /search/patent/company-search-patent.

        Every item of the list, pages drained in order (`listing`).

        Args:
            application: Standardized Original Assignee (Applicant) name, the search logic is the
                same as Analytics query [ANS:(Apple, Inc.)], up to 100 companies can be searched;
                multiple companies are separated by " OR ", …
        """
        return self._engines.listing(
            "P004",
            params=_given({"application": application}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def current_assignee_search(
        self,
        *,
        assignee: str,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[CurrentAssigneeSearchItem]:
        """P005 Current Assignee Search: POST /search/patent/current-search-patent.

        Every item of the list, pages drained in order (`listing`).

        Args:
            assignee: Standardized Current Assignee name, the search logic is the same as
                Analytics query [ANCS:(Apple, Inc.)], up to 100 companies can be searched;
                multiple companies are separated by " OR ", e.g. "Apple …
        """
        return self._engines.listing(
            "P005",
            params=_given({"assignee": assignee}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def current_assignee_search_defense_patent(
        self,
        *,
        application: str,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[CurrentAssigneeSearchDefensePatentItem]:
        """P006 Current Assignee Search Defense Patent: POST
        /search/patent/company-search-defense-patent.

        Every item of the list, pages drained in order (`listing`).

        Args:
            application: Applicant name, the search logic is the same as Analytics query
                [AN:(上海宇航系统工程研究所)], up to 100 companies can be searched; multiple
                companies are separated by " OR ", e.g. "上海宇航系统工程研究所 OR 北京理工大学""
        """
        return self._engines.listing(
            "P006",
            params=_given({"application": application}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def patent_number_search_similar_patent(
        self,
        *,
        country: list[Any] | None = None,
        patent_id: str | None = None,
        pbd_from: str | None = None,
        apd_from: str | None = None,
        patent_number: str | None = None,
        apd_to: str | None = None,
        pbd_to: str | None = None,
        relevancy: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[PatentNumberSearchSimilarPatentItem]:
        """P007 Patent Number Search Similar Patent: POST /search/patent/similar-search-patent.

        Every item of the list, pages drained in order (`listing`).

        Args:
            country: Authority and kind code.
            patent_id: Patent id
            pbd_from: Start year of publication date
            apd_from: Start year of application date
            patent_number: Patent number
            apd_to: End year of application date
            pbd_to: End year of publication date
            relevancy: relevancy
        """
        return self._engines.listing(
            "P007",
            params=_given(
                {
                    "country": country,
                    "patent_id": patent_id,
                    "pbd_from": pbd_from,
                    "apd_from": apd_from,
                    "patent_number": patent_number,
                    "apd_to": apd_to,
                    "pbd_to": pbd_to,
                    "relevancy": relevancy,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def semantic_search_similar_patent(
        self,
        *,
        text: str,
        country: list[Any] | None = None,
        pbd_from: str | None = None,
        apd_from: str | None = None,
        apd_to: str | None = None,
        pbd_to: str | None = None,
        relevancy: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[SemanticSearchSimilarPatentItem]:
        """P008 Semantic Search Similar Patent: POST /search/patent/semantic-search-patent.

        Every item of the list, pages drained in order (`listing`).

        Args:
            text: semantic query text
            country: Authority and kind code.
            pbd_from: Start year of publication date
            apd_from: Start year of application date
            apd_to: End year of application date
            pbd_to: End year of publication date
            relevancy: relevancy
        """
        return self._engines.listing(
            "P008",
            params=_given(
                {
                    "text": text,
                    "country": country,
                    "pbd_from": pbd_from,
                    "apd_from": apd_from,
                    "apd_to": apd_to,
                    "pbd_to": pbd_to,
                    "relevancy": relevancy,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def image_search_get_image_url(
        self,
        *,
        image: bytes | tuple[str, bytes] | Path,
    ) -> Any:
        """P010 Image Search Get Image Url: POST /image-search/image-upload.


        Args:
            image: JPG,PNG
        """
        return await self._engines.call("P010", _given({"image": image}))

    def image_search_similar_patent_single_image_enhanced_shape_search_version(
        self,
        *,
        model: int,
        patent_type: str,
        url: str,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        assignees: str | None = None,
        country: list[Any] | None = None,
        field: str | None = None,
        include_machine_translation: bool | None = None,
        is_https: int | None = None,
        lang: str | None = None,
        legal_status: str | None = None,
        loc: str | None = None,
        main_field: str | None = None,
        order: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        return_img_id: bool | None = None,
        score_expansion: bool | None = None,
        simple_legal_status: str | None = None,
        query_text: str | None = None,
        stemming: int | None = None,
        pre_filter: int | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ImageSearchSimilarPatentSingleImageEnhancedShapeSearchVersionItem]:
        """P060 Image Search Similar Patent - Single image Enhanced Shape Search version: POST
        /search/patent/image-single/beta.

        Every item of the list, pages drained in order (`listing`).

        Args:
            model: Select the image search model (there are different models for design patent
                and utility model)
            patent_type: 选择检索外观专利或实用新型专利:
            url: image url
            apply_end_time: Patent apply date to, format:yyyyMMdd
            apply_start_time: Patent apply date from, format:yyyyMMdd
            assignees: all assignees
            country: patent authority code
            field: field sort(only Chinese).field support SCORE,APD,PBD,ISD. The default SCORE
            include_machine_translation: Includes Machine Translations
            is_https: Select whether to return https domain image, default is 0, that is, return
                http domain image
            lang: Set the language preference of the title, you can choose cn, en or original,
                the default is original:
            legal_status: patent legal status
            loc: LOC is the classification for Industrial Designs.
            main_field: patent main field
            order: order supports desc,asc. The default desc
            public_end_time: Patent publication date to, format:yyyyMMdd
            public_start_time: Patent publication date from, format:yyyyMMdd
            return_img_id: Whether to return img_id
            score_expansion: Score expansion
            simple_legal_status: patent simple legal status
            query_text: Analytics query
            stemming: Whether to turn on the stemming function, 1: turn on; 0: turn off. Off by
                default
            pre_filter: Whether to turn on the pre_filter function, 1: turn on; 0: turn off. on
                by default
        """
        return self._engines.listing(
            "P060.image-single-beta",
            params=_given(
                {
                    "model": model,
                    "patent_type": patent_type,
                    "url": url,
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "assignees": assignees,
                    "country": country,
                    "field": field,
                    "include_machine_translation": include_machine_translation,
                    "is_https": is_https,
                    "lang": lang,
                    "legal_status": legal_status,
                    "loc": loc,
                    "main_field": main_field,
                    "order": order,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "return_img_id": return_img_id,
                    "score_expansion": score_expansion,
                    "simple_legal_status": simple_legal_status,
                    "query_text": query_text,
                    "stemming": stemming,
                    "pre_filter": pre_filter,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def image_search_similar_patent_single_image(
        self,
        *,
        model: int,
        patent_type: str,
        url: str,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        assignees: str | None = None,
        country: list[Any] | None = None,
        field: str | None = None,
        include_machine_translation: bool | None = None,
        is_https: int | None = None,
        lang: str | None = None,
        legal_status: str | None = None,
        loc: str | None = None,
        main_field: str | None = None,
        order: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        return_img_id: bool | None = None,
        score_expansion: bool | None = None,
        simple_legal_status: str | None = None,
        query_text: str | None = None,
        stemming: int | None = None,
        pre_filter: int | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ImageSearchSimilarPatentSingleImageItem]:
        """P060 Image Search Similar Patent - Single image: POST /search/patent/image-single.

        Every item of the list, pages drained in order (`listing`).

        Args:
            model: Select the image search model (there are different models for design patent
                and utility model)
            patent_type: 选择检索外观专利或实用新型专利:
            url: image url
            apply_end_time: Patent apply date to, format:yyyyMMdd
            apply_start_time: Patent apply date from, format:yyyyMMdd
            assignees: all assignees
            country: patent authority code
            field: field sort(only Chinese).field support SCORE,APD,PBD,ISD. The default SCORE
            include_machine_translation: Includes Machine Translations
            is_https: Select whether to return https domain image, default is 0, that is, return
                http domain image
            lang: Set the language preference of the title, you can choose cn, en or original,
                the default is original:
            legal_status: patent legal status
            loc: LOC is the classification for Industrial Designs.
            main_field: patent main field
            order: order supports desc,asc. The default desc
            public_end_time: Patent publication date to, format:yyyyMMdd
            public_start_time: Patent publication date from, format:yyyyMMdd
            return_img_id: Whether to return img_id
            score_expansion: Score expansion
            simple_legal_status: patent simple legal status
            query_text: Analytics query
            stemming: Whether to turn on the stemming function, 1: turn on; 0: turn off. Off by
                default
            pre_filter: Whether to turn on the pre_filter function, 1: turn on; 0: turn off. on
                by default
        """
        return self._engines.listing(
            "P060.patent-image-single",
            params=_given(
                {
                    "model": model,
                    "patent_type": patent_type,
                    "url": url,
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "assignees": assignees,
                    "country": country,
                    "field": field,
                    "include_machine_translation": include_machine_translation,
                    "is_https": is_https,
                    "lang": lang,
                    "legal_status": legal_status,
                    "loc": loc,
                    "main_field": main_field,
                    "order": order,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "return_img_id": return_img_id,
                    "score_expansion": score_expansion,
                    "simple_legal_status": simple_legal_status,
                    "query_text": query_text,
                    "stemming": stemming,
                    "pre_filter": pre_filter,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def image_search_similar_patent_multiple_images(
        self,
        *,
        model: int,
        patent_type: str,
        urls: list[Any],
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        assignees: str | None = None,
        country: list[Any] | None = None,
        field: str | None = None,
        include_machine_translation: bool | None = None,
        is_https: int | None = None,
        lang: str | None = None,
        legal_status: str | None = None,
        loc: str | None = None,
        main_field: str | None = None,
        order: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        return_img_id: bool | None = None,
        score_expansion: bool | None = None,
        simple_legal_status: str | None = None,
        query_text: str | None = None,
        stemming: int | None = None,
        pre_filter: int | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[ImageSearchSimilarPatentMultipleImagesItem]:
        """P061 Image Search Similar Patent - Multiple images: POST
        /search/patent/image-multiple.

        Every item of the list, pages drained in order (`listing`).

        Args:
            model: Select the image search model (there are different models for design patent
                and utility model)
            patent_type: 选择检索外观专利或实用新型专利:
            urls: image url list
            apply_end_time: Patent apply date to, format:yyyyMMdd
            apply_start_time: Patent apply date from, format:yyyyMMdd
            assignees: all assignees
            country: patent authority code
            field: field sort(only Chinese).field support SCORE,APD,PBD,ISD. The default SCORE
            include_machine_translation: Includes Machine Translations
            is_https: Select whether to return https domain image, default is 0, that is, return
                http domain image
            lang: Set the language preference of the title, you can choose cn, en or original,
                the default is original:
            legal_status: patent legal status
            loc: LOC is the classification for Industrial Designs.
            main_field: patent main field
            order: order supports desc,asc. The default desc
            public_end_time: Patent publication date to, format:yyyyMMdd
            public_start_time: Patent publication date from, format:yyyyMMdd
            return_img_id: Whether to return img_id
            score_expansion: Score expansion
            simple_legal_status: patent simple legal status
            query_text: Analytics query
            stemming: Whether to turn on the stemming function, 1: turn on; 0: turn off. Off by
                default
            pre_filter: Whether to turn on the pre_filter function, 1: turn on; 0: turn off. on
                by default
        """
        return self._engines.listing(
            "P061",
            params=_given(
                {
                    "model": model,
                    "patent_type": patent_type,
                    "urls": urls,
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "assignees": assignees,
                    "country": country,
                    "field": field,
                    "include_machine_translation": include_machine_translation,
                    "is_https": is_https,
                    "lang": lang,
                    "legal_status": legal_status,
                    "loc": loc,
                    "main_field": main_field,
                    "order": order,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "return_img_id": return_img_id,
                    "score_expansion": score_expansion,
                    "simple_legal_status": simple_legal_status,
                    "query_text": query_text,
                    "stemming": stemming,
                    "pre_filter": pre_filter,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def patsnap_standard_patent_number_search(
        self,
        *,
        pn: str | None = None,
        apno: str | None = None,
        authority: list[Any] | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[PatsnapStandardPatentNumberSearchItem]:
        """P069 Patsnap Standard Patent Number Search: POST /search/patent/patent-search-pn.

        Every item of the list, pages drained in order (`listing`).

        Args:
            pn: Patent number
            apno: Application number
            authority: Authorities
        """
        return self._engines.listing(
            "P069",
            params=_given({"pn": pn, "apno": apno, "authority": authority}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def keyword_assistant(
        self,
        *,
        keyword: list[Any],
        lang: list[Any],
        type: list[Any],
    ) -> Any:
        """P070 Keyword Assistant: POST /search/patent/keyword-suggest.


        Args:
            keyword: keyword
            lang: language(cn/en)
            type: language: synonym : synonym
        """
        return await self._engines.call(
            "P070", _given({"keyword": keyword, "lang": lang, "type": type})
        )

    async def classification_number_assistant_query(
        self,
        *,
        type: str,
        code: str | None = None,
    ) -> Any:
        """P071 Classification Number Assistant Query: GET
        /search/patent/classification/helper-section-subclass.


        Args:
            type: The classification number assistant category includes ipc, cpc, and loc
            code: Classification Number
        """
        return await self._engines.call("P071", _given({"type": type, "code": code}))

    async def classification_number_search_assistant_interface(
        self,
        *,
        keyword: str,
        type: str,
    ) -> Any:
        """P072 Classification number search assistant interface: GET
        /search/patent/classification/helper-search.


        Args:
            keyword: Classified retrieval content
            type: The classification number assistant category includes ipc, cpc, and loc
        """
        return await self._engines.call("P072", _given({"keyword": keyword, "type": type}))

    async def search_the_patent_nested_version_with_a_search_formula(
        self,
        *,
        query_text: str,
        facet: list[Any] | None = None,
        limit_: int | None = None,
        offset: int | None = None,
        sort: list[Any] | None = None,
        stemming: bool | None = None,
    ) -> Any:
        """P075 Search the patent nested version with a search formula: POST
        /search/patent/nested-search-patent.


        Args:
            query_text: Search expression text. Refer to :
                https://analytics.patsnap.com/search_helper
            facet: Nested statistical configuration
            limit_: Return the number of documents.
            offset: offset
            sort: sort
            stemming: Whether to enable word segmentation, after enabling it, support the same
                stem query (for example: "cars" can be searched by "car"). By default, it is not
                enabled. Currently, only fields related to …
        """
        return await self._engines.call(
            "P075",
            _given(
                {
                    "query_text": query_text,
                    "facet": facet,
                    "limit": limit_,
                    "offset": offset,
                    "sort": sort,
                    "stemming": stemming,
                }
            ),
        )


class SolutionSearchOperations(Resource):
    """R&D solution search: the catalog's operations of this group (`client.solution_search`)."""

    async def solution_search(
        self,
        *,
        user_question: str,
        limit_: int | None = None,
    ) -> Any:
        """Solution Search: POST /method-services/solution-search.


        Args:
            user_question: User question describing the technical problem to solve
            limit_: Max number of cases returned, default 20, max 100
        """
        return await self._engines.call(
            "X-method-services-solution-search",
            _given({"user_question": user_question, "limit": limit_}),
        )


class TechReportsOperations(Resource):
    """Technology Key Report: the catalog's operations of this group (`client.tech_reports`)."""

    async def application_and_issued_trend_keywords_ipc_search_query_search(
        self,
        *,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A001 Application and Issued Trend (keywords & ipc Search & Query Search): GET
        /insights/patent-trends.


        Args:
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A001",
            _given(
                {
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def innovation_word_cloud_keywords_ipc_search(
        self,
        *,
        lang: str,
        keywords: str | None = None,
        ipc: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A002 Innovation Word Cloud (keywords & ipc Search): GET /insights/word-cloud.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            ipc: Patent IPC classification
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
        """
        return await self._engines.call(
            "A002",
            _given(
                {
                    "lang": lang,
                    "keywords": keywords,
                    "ipc": ipc,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "authority": authority,
                }
            ),
        )

    async def wheel_of_innovation(
        self,
        *,
        lang: str,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A003 Wheel of Innovation: GET /insights/wheel-of-innovation.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A003",
            _given(
                {
                    "lang": lang,
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def top_authorities_of_origin(
        self,
        *,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A004 Top authorities of Origin: GET /insights/priority-country.


        Args:
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A004",
            _given(
                {
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def most_cited_patents(
        self,
        *,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A005 Most Cited Patents: GET /insights/most-cited.


        Args:
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A005",
            _given(
                {
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def top_inventors(
        self,
        *,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A006 Top Inventors: GET /insights/inventor-ranking.


        Args:
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A006",
            _given(
                {
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def top_assignees(
        self,
        *,
        lang: str,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A007 Top Assignees: GET /insights/applicant-ranking.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A007",
            _given(
                {
                    "lang": lang,
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def simple_legal_status_a008(
        self,
        *,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A008 Simple Legal Status: GET /insights/simple-legal-status.


        Args:
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A008",
            _given(
                {
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def most_litigated_patents(
        self,
        *,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A009 Most Litigated Patents: GET /insights/most-asserted.


        Args:
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A009",
            _given(
                {
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def portfolio_value_distribution(
        self,
        *,
        apply_end_time: str | None = None,
        apply_start_time: str | None = None,
        authority: str | None = None,
        ipc: str | None = None,
        keywords: str | None = None,
        public_end_time: str | None = None,
        public_start_time: str | None = None,
        query_text: str | None = None,
    ) -> Any:
        """A010 Portfolio Value Distribution: GET /insights/portfolio-value.


        Args:
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status.
            ipc: Patent IPC classification
            keywords: Searches for keywords within patent title and summary. Supports AND, OR,
                NOT search logic, for example "mobile phone AND (screen OR battery)".
            public_end_time: Patent publication date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            query_text: Enter the Analytics Query, with a maximum length of 800 characters and
                cannot contain complex wildcards such as $W $PRE $WS $SEN $PARA $FREQ .etc
        """
        return await self._engines.call(
            "A010",
            _given(
                {
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "authority": authority,
                    "ipc": ipc,
                    "keywords": keywords,
                    "public_end_time": public_end_time,
                    "public_start_time": public_start_time,
                    "query_text": query_text,
                }
            ),
        )

    async def patent_type_trend_analysis(
        self,
        *,
        query: str,
        time_range: Mapping[str, Any],
    ) -> Any:
        """A011 Patent Type Trend Analysis: POST /insights/patent-type-trend.


        Args:
            query: query search statement
            time_range: time_range
        """
        return await self._engines.call("A011", _given({"query": query, "time_range": time_range}))

    async def distribution_of_technical_efficacy_phrases(
        self,
        *,
        query_text: str,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
        collapse_order_authority: list[Any] | None = None,
        collapse_type: str | None = None,
        lang: str | None = None,
        sort: list[Any] | None = None,
    ) -> Any:
        """A012 Distribution of technical efficacy phrases: POST
        /insights/technology-effect-Distribution.


        Args:
            query_text: Analytics query, maximum length 1,500 characters
            collapse_by: "APD" means order according to application date;
            collapse_order: When collapse_type="APNO", and collapse_by="APD" or "PBD", the
                collapse_order can be set as "OLDEST" or "LATEST", means keep the patent date of
                oldest or latest one
            collapse_order_authority: Setting the patent collapse ordering rule that is valid
                only if collapse_by is AUTHORITY
            collapse_type: "ALL" or Null value means no collapse;
            lang: Single-choice, available options include "cn" and "en", representing Chinese
                and English respectively. Please use lowercase letters. The default value is
                Chinese
            sort: Field order, field can support: PBDT_YEARMONTHDAY, APD_YEARMONTHDAY, ISD,SCORE;
                order can support: desc, asc.
        """
        return await self._engines.call(
            "A012",
            _given(
                {
                    "query_text": query_text,
                    "collapse_by": collapse_by,
                    "collapse_order": collapse_order,
                    "collapse_order_authority": collapse_order_authority,
                    "collapse_type": collapse_type,
                    "lang": lang,
                    "sort": sort,
                }
            ),
        )

    async def company_innovation_word_cloud(
        self,
        *,
        lang: str,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A101 Company Innovation Word Cloud: GET /insights-company/word-cloud.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A101",
            _given(
                {
                    "lang": lang,
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def company_portfolio_strategy_radar_map(
        self,
        *,
        lang: str,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A102 Company Portfolio Strategy Radar Map: GET /insights-company/strategy-map.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A102",
            _given(
                {
                    "lang": lang,
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def company_key_technologies(
        self,
        *,
        lang: str,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A103 Company Key Technologies: GET /insights-company/key-technology-overview.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A103",
            _given(
                {
                    "lang": lang,
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def company_patent_application_and_issued_trend(
        self,
        *,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A104 Company Patent Application and Issued Trend: GET /insights-company/patent-trends.


        Args:
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A104",
            _given(
                {
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def company_patent_portfolio_overview(
        self,
        *,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A105 Company Patent Portfolio Overview: GET
        /insights-company/patent-portfolio-overview.


        Args:
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A105",
            _given(
                {
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def company_most_cited_patents(
        self,
        *,
        lang: str,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A106 Company Most Cited Patents: GET /insights-company/most-cited-latest.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A106",
            _given(
                {
                    "lang": lang,
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def most_citing_companies(
        self,
        *,
        lang: str,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A107 Most Citing Companies: GET /insights-company/most-cited.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A107",
            _given(
                {
                    "lang": lang,
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def company_largest_invention_families(
        self,
        *,
        lang: str,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A108 Company Largest Invention Families: GET /insights-company/largest-patent-family.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A108",
            _given(
                {
                    "lang": lang,
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def company_patent_simple_legal_status(
        self,
        *,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A109 Company Patent Simple Legal Status: GET /insights-company/simple-legal-status.


        Args:
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A109",
            _given(
                {
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def company_patent_transfer_in_or_transfer_out(
        self,
        *,
        lang: str,
        company_name: str | None = None,
        org_number: str | None = None,
        credit_code: str | None = None,
        apply_start_time: str | None = None,
        apply_end_time: str | None = None,
        public_start_time: str | None = None,
        public_end_time: str | None = None,
        simple_legal_status: str | None = None,
        patent_type: str | None = None,
        authority: str | None = None,
    ) -> Any:
        """A110 Company Patent Transfer In or Transfer Out: GET
        /insights-company/acquisition-divestiture.


        Args:
            lang: Select the language , the default language is en, you can choose cn or en.
            company_name: Query the name of a single enterprise
            org_number: This field is not supported in the current version , please search by
                company name
            credit_code: This field is not supported in the current version , please search by
                company name
            apply_start_time: Patent apply date from, format:yyyy
            apply_end_time: Patent apply date to, format:yyyy
            public_start_time: Patent publication date from, format:yyyy
            public_end_time: Patent publication date to, format:yyyy
            simple_legal_status: Patent simple legal status 0-Inactive
            patent_type: Patent application type A:Applications
            authority: Select the authority of the patent, the default query all databases, eg
                CN, US, EP, JP. To find more information, refer to
                https://analytics.zhihuiya.com/status. Example: US OR EP
        """
        return await self._engines.call(
            "A110",
            _given(
                {
                    "lang": lang,
                    "company_name": company_name,
                    "org_number": org_number,
                    "credit_code": credit_code,
                    "apply_start_time": apply_start_time,
                    "apply_end_time": apply_end_time,
                    "public_start_time": public_start_time,
                    "public_end_time": public_end_time,
                    "simple_legal_status": simple_legal_status,
                    "patent_type": patent_type,
                    "authority": authority,
                }
            ),
        )

    async def distribution_of_technical_effects(
        self,
        *,
        apply_end_time: int,
        apply_start_time: int,
        company_name: str,
        lang: str | None = None,
    ) -> Any:
        """A201 Distribution of Technical Effects: POST
        /search/company/technology-effect-Distribution.


        Args:
            apply_end_time: Patent apply date to, format:yyyy
            apply_start_time: Patent apply date from, format:yyyy
            company_name: company name
            lang: Select the language , the default language is en, you can choose cn or en.
        """
        return await self._engines.call(
            "A201",
            _given(
                {
                    "apply_end_time": apply_end_time,
                    "apply_start_time": apply_start_time,
                    "company_name": company_name,
                    "lang": lang,
                }
            ),
        )

    async def technology_field_word_cloud(
        self,
        *,
        company_name: str,
        lang: str | None = None,
    ) -> Any:
        """A202 Technology Field Word Cloud: POST /search/company/technology-field-word-cloud.


        Args:
            company_name: company name
            lang: Select the language , the default language is en, you can choose cn or en.
        """
        return await self._engines.call(
            "A202", _given({"company_name": company_name, "lang": lang})
        )


class TffiEvaluationOperations(Resource):
    """TFFI Enterprise Evaluation (Level5): the catalog's operations of this group
    (`client.tffi_evaluation`).
    """

    async def scientific_and_technological_company_evaluation_dp001(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """DP001 scientific and technological company evaluation: POST
        /innovation/company_valuation.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "DP001",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def scientific_and_technological_company_indicators_dp002(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """DP002 scientific and technological company indicators: POST
        /innovation/company_valuation_indicators.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "DP002",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def scientific_and_technological_company_risk_warning(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """DP003 scientific and technological company risk warning: POST
        /innovation/company_warning.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "DP003",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def scientific_and_technological_company_evaluation_and_indicators_risk_warning(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """DP004 scientific and technological company evaluation and indicators&risk warning:
        POST /innovation/estimate/company-index-warning.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "DP004",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )

    async def scientific_and_technological_company_evaluation_and_indicators_dp005(
        self,
        *,
        company_name: str | None = None,
        credit_code: str | None = None,
        org_number: str | None = None,
    ) -> Any:
        """DP005 scientific and technological company evaluation and indicators: POST
        /innovation/estimate/company-index.


        Args:
            company_name: Query the name of a single enterprise
            credit_code: Query the unified social credit code of a single enterprise
            org_number: Query the organization code of a single enterprise
        """
        return await self._engines.call(
            "DP005",
            _given(
                {"company_name": company_name, "credit_code": credit_code, "org_number": org_number}
            ),
        )


class TrademarksOperations(Resource):
    """Trademark Data: the catalog's operations of this group (`client.trademarks`)."""

    def trademark_field_search(
        self,
        *,
        apdt: str | None = None,
        app_num: str | None = None,
        applicant: str | None = None,
        ipoffice: str | None = None,
        mark: str | None = None,
        mode: str | None = None,
        nice_code: str | None = None,
        reg_num: str | None = None,
        sort: str | None = None,
        us_code: str | None = None,
        vienna_code: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[TrademarkFieldSearchItem]:
        """T001 Trademark Field Search: POST /trademark/search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            apdt: Application date, supporting a single date or date range (format: yyyyMMdd)
            app_num: Application number
            applicant: Applicant Name
            ipoffice: Intellectual Property Offices (country codes) supports multiple values
                separated by commas; includes data for US (United States), CA (Canada), AU
                (Australia), and EU (European Union). Leaving it …
            mark: Trademark name
            mode: Query modes support 'smart' and 'exact', with corresponding parameters 'smart'
                and 'exact'; the default mode is 'smart'.
            nice_code: International Nice Classification codes support multiple values, separated
                by commas.
            reg_num: Register Number
            sort: Sort field < space >[desc/asc]
            us_code: US Classification codes support multiple values, separated by commas.
            vienna_code: Vienna Classification codes support multiple values, separated by
                commas.
        """
        return self._engines.listing(
            "T001.trademark-search",
            params=_given(
                {
                    "apdt": apdt,
                    "app_num": app_num,
                    "applicant": applicant,
                    "ipoffice": ipoffice,
                    "mark": mark,
                    "mode": mode,
                    "nice_code": nice_code,
                    "reg_num": reg_num,
                    "sort": sort,
                    "us_code": us_code,
                    "vienna_code": vienna_code,
                }
            ),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    def trademark_image_search(
        self,
        *,
        image_base64: str,
        ipoffice: str | None = None,
        start: int = 0,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Pager[TrademarkImageSearchItem]:
        """T002 Trademark Image Search: POST /trademark/image-search.

        Every item of the list, pages drained in order (`listing`).

        Args:
            image_base64: Base64 encoded string of trademark image (required), supports JPG, PNG
                formats, max 4MB
            ipoffice: Intellectual Property Offices (country codes) supports multiple values
                separated by commas; includes data for US (United States), CA (Canada), AU
                (Australia), and EU (European Union). Leaving it …
        """
        return self._engines.listing(
            "T002",
            params=_given({"image_base64": image_base64, "ipoffice": ipoffice}),
            start=start,
            page_size=page_size,
            limit=limit,
        )

    async def trademark_detail(
        self,
        *,
        app_num: str | None = None,
        ipoffice: str | None = None,
    ) -> Any:
        """T010 Trademark Detail: GET /trademark/data/detail.


        Args:
            app_num: Trademark application number
            ipoffice: country code
        """
        return await self._engines.call(
            "T010.data-detail", _given({"app_num": app_num, "ipoffice": ipoffice})
        )


class TranslationOperations(Resource):
    """AI Translation: the catalog's operations of this group (`client.translation`)."""

    async def ai_translation(
        self,
        *,
        text: str,
        source_lang: str | None = None,
        target_lang: str | None = None,
    ) -> Any:
        """AI61 AI Translation: POST /ai/translation.


        Args:
            text: The original text that needs to be translated.Cannot exceed 2000 characters
            source_lang: Source language. Note:
            target_lang: Target language. Only supports CN, EN, and JP. If not specified, the
                default is EN.
        """
        return await self._engines.call(
            "AI61", _given({"text": text, "source_lang": source_lang, "target_lang": target_lang})
        )

    async def translate_text(
        self,
        *,
        content: str,
        sourcelanguagecode: str,
        targetlanguagecode: str,
        mode: str | None = None,
    ) -> Any:
        """T010 Translate Text: POST /hiro_translation/translate.


        Args:
            content: Source text to translate. Must not be blank. Default max 65536 characters.
            sourcelanguagecode: Source language code. Supported: zh, en, ja, ko, de, fr, ru, es,
                pt, it, nl, ar, hi, th, vi, id, tr, pl.
            targetlanguagecode: Target language code; must differ from source. Supported: zh, en,
                ja, ko, de, fr, ru, es, pt, it, nl, ar, hi, th, vi, id, tr, pl.
            mode: Translation mode. Supports fast and stream, defaulting to fast. fast:
                concurrent segment-based translation that returns the complete JSON result in a
                single response, offering higher throughput but …
        """
        return await self._engines.call(
            "T010.hiro-translation-translate",
            _given(
                {
                    "content": content,
                    "sourceLanguageCode": sourcelanguagecode,
                    "targetLanguageCode": targetlanguagecode,
                    "mode": mode,
                }
            ),
        )


class ValuationOperations(Resource):
    """Patent Valuation Data: the catalog's operations of this group (`client.valuation`)."""

    async def patent_valuation(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[PatentValuationRecord]:
        """P035 Patent Valuation: GET /patent-valuation-data/patent_valuation.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P035", ids, by=by, params=_given({}), progress=progress)

    async def technology_indicators(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[TechnologyIndicatorsRecord]:
        """P036 Technology Indicators: GET /patent-valuation-data/technology_indicators.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P036", ids, by=by, params=_given({}), progress=progress)

    async def legal_indicators(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[LegalIndicatorsRecord]:
        """P037 Legal Indicators: GET /patent-valuation-data/legal_indicators.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P037", ids, by=by, params=_given({}), progress=progress)

    async def market_indicators(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[MarketIndicatorsRecord]:
        """P038 Market Indicators: GET /patent-valuation-data/market_indicators.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P038", ids, by=by, params=_given({}), progress=progress)

    async def strategic_indicators(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[StrategicIndicatorsRecord]:
        """P039 Strategic Indicators: GET /patent-valuation-data/strategic_indicators.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P039", ids, by=by, params=_given({}), progress=progress)

    async def economic_indicators(
        self,
        ids: Iterable[str],
        *,
        by: Literal["patent_number", "patent_id"] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[EconomicIndicatorsRecord]:
        """P040 Economic Indicators: GET /patent-valuation-data/economic_indicators.

        Any number of ids: batched, de-duplicated and matched back (`lookup`).

        Args:
        """
        return await self._engines.lookup("P040", ids, by=by, params=_given({}), progress=progress)

    async def pre_patent_evaluation_technological_innovation(
        self,
        *,
        patent_info: list[Any],
        relevancy_threshold: int | None = None,
        cited_by_threshold: int | None = None,
    ) -> Any:
        """P050 Pre-patent Evaluation - Technological Innovation: POST
        /patent-valuation-data/tech_innovation.


        Args:
            patent_info: List of similar patent information, up to 100 similar patents are
                supported for indicator calculation.
            relevancy_threshold: relevancy threshold, for the high_similarity_patent_count
                (default 95)
            cited_by_threshold: cited_by count threshold, for high_simple_family_cited_by(default
                10)
        """
        return await self._engines.call(
            "P050",
            _given(
                {
                    "patent_info": patent_info,
                    "relevancy_threshold": relevancy_threshold,
                    "cited_by_threshold": cited_by_threshold,
                }
            ),
        )

    async def pre_patent_evaluation_patentability(
        self,
        *,
        patent_info: list[Any],
        claim_cnt_threshold: int | None = None,
    ) -> Any:
        """P051 Pre-patent Evaluation - Patentability: POST
        /patent-valuation-data/patent_ability.


        Args:
            patent_info: List of similar patent information, up to 100 similar patents are
                supported for indicator calculation.
            claim_cnt_threshold: claims count threshold, for multiple_claims_patent_count
                (default 10)
        """
        return await self._engines.call(
            "P051", _given({"patent_info": patent_info, "claim_cnt_threshold": claim_cnt_threshold})
        )

    async def pre_patent_evaluation_market_prospect(
        self,
        *,
        patent_info: list[Any],
        ipc_cnt_threshold: int | None = None,
        year_threshold: int | None = None,
    ) -> Any:
        """P052 Pre-patent Evaluation - Market Prospect: POST
        /patent-valuation-data/market_prospect.


        Args:
            patent_info: List of similar patent information, up to 100 similar patents are
                supported for indicator calculation.
            ipc_cnt_threshold: IPC count threshold, for tech_application_width (default 5)
            year_threshold: application year calculation scope, for industry_development (default
                3)
        """
        return await self._engines.call(
            "P052",
            _given(
                {
                    "patent_info": patent_info,
                    "ipc_cnt_threshold": ipc_cnt_threshold,
                    "year_threshold": year_threshold,
                }
            ),
        )

    async def pre_patent_evaluation_operation_situation(
        self,
        *,
        patent_info: list[Any],
        family_threshold: int | None = None,
    ) -> Any:
        """P053 Pre-patent Evaluation - Operation Situation: POST
        /patent-valuation-data/operation_situation.


        Args:
            patent_info: List of similar patent information, up to 100 similar patents are
                supported for indicator calculation.
            family_threshold: simple family countries coverage threshold, for
                multiple_country_coverage (default 2)
        """
        return await self._engines.call(
            "P053", _given({"patent_info": patent_info, "family_threshold": family_threshold})
        )


class Families:
    """The families of the catalog's operations, as attributes of the client."""

    academy: AcademyOperations
    aggregates: AggregatesOperations
    bio: BioOperations
    bio_dictionary: BioDictionaryOperations
    clinical_trials: ClinicalTrialsOperations
    companies: CompaniesOperations
    company_ip: CompanyIpOperations
    company_personas: CompanyPersonasOperations
    company_reports: CompanyReportsOperations
    company_tech_analysis: CompanyTechAnalysisOperations
    company_tech_evaluation: CompanyTechEvaluationOperations
    disclosures: DisclosuresOperations
    drug_analysis: DrugAnalysisOperations
    drug_mining: DrugMiningOperations
    drug_organizations: DrugOrganizationsOperations
    drugs: DrugsOperations
    legal: LegalOperations
    life_science_search: LifeScienceSearchOperations
    literature: LiteratureOperations
    mining: MiningOperations
    monitoring: MonitoringOperations
    novelty_search: NoveltySearchOperations
    others: OthersOperations
    solution_search: SolutionSearchOperations
    tech_reports: TechReportsOperations
    tffi_evaluation: TffiEvaluationOperations
    trademarks: TrademarksOperations
    translation: TranslationOperations
    valuation: ValuationOperations

    def _attach_families(self, engines: Engines) -> None:
        self.academy = AcademyOperations(engines)
        self.aggregates = AggregatesOperations(engines)
        self.bio = BioOperations(engines)
        self.bio_dictionary = BioDictionaryOperations(engines)
        self.clinical_trials = ClinicalTrialsOperations(engines)
        self.companies = CompaniesOperations(engines)
        self.company_ip = CompanyIpOperations(engines)
        self.company_personas = CompanyPersonasOperations(engines)
        self.company_reports = CompanyReportsOperations(engines)
        self.company_tech_analysis = CompanyTechAnalysisOperations(engines)
        self.company_tech_evaluation = CompanyTechEvaluationOperations(engines)
        self.disclosures = DisclosuresOperations(engines)
        self.drug_analysis = DrugAnalysisOperations(engines)
        self.drug_mining = DrugMiningOperations(engines)
        self.drug_organizations = DrugOrganizationsOperations(engines)
        self.drugs = DrugsOperations(engines)
        self.legal = LegalOperations(engines)
        self.life_science_search = LifeScienceSearchOperations(engines)
        self.literature = LiteratureOperations(engines)
        self.mining = MiningOperations(engines)
        self.monitoring = MonitoringOperations(engines)
        self.novelty_search = NoveltySearchOperations(engines)
        self.others = OthersOperations(engines)
        self.solution_search = SolutionSearchOperations(engines)
        self.tech_reports = TechReportsOperations(engines)
        self.tffi_evaluation = TffiEvaluationOperations(engines)
        self.trademarks = TrademarksOperations(engines)
        self.translation = TranslationOperations(engines)
        self.valuation = ValuationOperations(engines)
