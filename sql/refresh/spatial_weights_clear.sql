-- Before the parts: nothing staged (an earlier refresh stopped between its parts and the swap
-- leaves its rows). No bindings.
delete from spatial_neighbour_part
