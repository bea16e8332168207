package dev.sluice.project;

/** A member's role in a project, from most to least powerful. */
public enum ProjectRole {
    ADMIN, EDITOR, VIEWER;

    /** True when this role may do what {@code required} may do. */
    public boolean atLeast(ProjectRole required) {
        return ordinal() <= required.ordinal();
    }
}
