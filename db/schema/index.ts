export * from "./auth";
export * from "./org";
export * from "./system";
export * from "./assessments";
export * from "./audit";
export * from "./meetings";
export * from "./trends";
export * from "./people-import";
