/**
 * The consumer groups analytics-projector runs under its PROJECTOR_GROUP_ID: the telemetry
 * projection's (that id) and the dataset projection's, its own beside it. Tests that move a
 * projector's groups before starting it (to the topics' ends) name both from here.
 */
export const analyticsDatasetsGroupId = (projectorGroupId: string): string =>
  `${projectorGroupId}-datasets`;

/** Both groups of an analytics-projector started with `projectorGroupId`. */
export const analyticsProjectionGroups = (projectorGroupId: string): readonly string[] => [
  projectorGroupId,
  analyticsDatasetsGroupId(projectorGroupId),
];
