<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis hasScaleBasedVisibilityFlag="0" symbologyReferenceScale="-1" simplifyAlgorithm="0" minScale="100000000" readOnly="0" simplifyDrawingTol="1" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Relations|Temporal|Legend|Elevation|Notes" maxScale="0" labelsEnabled="0" simplifyDrawingHints="1" simplifyLocal="1" simplifyMaxScale="1">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal enabled="0" fixedDuration="0" startField="" endField="" durationField="" limitMode="0" accumulate="0" durationUnit="min" startExpression="" endExpression="" mode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 forceraster="0" symbollevels="0" attr="thema" referencescale="-1" enableorderby="0" type="categorizedSymbol">
    <categories>
      <category symbol="0" render="true" label="Ontmoeten" value="ontmoeten"/>
      <category symbol="1" render="true" label="Veiligheid" value="veiligheid"/>
      <category symbol="2" render="true" label="Verkeer" value="verkeer"/>
      <category symbol="3" render="true" label="Openbare ruimte" value="openbare_ruimte"/>
      <category symbol="4" render="true" label="Zorgbehoefte" value="zorgbehoefte"/>
    </categories>
    <symbols>
      <symbol name="0" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="230,85,13,110" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="230,85,13,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="230,85,13,110" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="230,85,13,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="1" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="117,107,177,110" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="117,107,177,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="117,107,177,110" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="117,107,177,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="2" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="49,130,189,110" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="49,130,189,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="49,130,189,110" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="49,130,189,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="3" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="49,163,84,110" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="49,163,84,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="49,163,84,110" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="49,163,84,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="4" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="222,45,38,110" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="222,45,38,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="222,45,38,110" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="222,45,38,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions removeDuplicateNodes="0" geometryPrecision="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field name="id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="titel" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="omschrijving" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="true" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="jaar" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="Max" value="2100" type="int"/>
            <Option name="Min" value="2000" type="int"/>
            <Option name="Step" value="1" type="int"/>
            <Option name="Style" value="SpinBox" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="thema" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option name="AllowMulti" value="false" type="bool"/>
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="BuurtkaartWaardelijst" value="vl_thema" type="QString"/>
            <Option name="FilterExpression" value="" type="QString"/>
            <Option name="Key" value="code" type="QString"/>
            <Option name="Layer" value="" type="QString"/>
            <Option name="LayerName" value="" type="QString"/>
            <Option name="OrderByValue" value="false" type="bool"/>
            <Option name="UseCompleter" value="false" type="bool"/>
            <Option name="Value" value="naam" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="status" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option name="AllowMulti" value="false" type="bool"/>
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="BuurtkaartWaardelijst" value="vl_status" type="QString"/>
            <Option name="FilterExpression" value="&quot;voor_buurtdeal&quot;" type="QString"/>
            <Option name="Key" value="code" type="QString"/>
            <Option name="Layer" value="" type="QString"/>
            <Option name="LayerName" value="" type="QString"/>
            <Option name="OrderByValue" value="false" type="bool"/>
            <Option name="UseCompleter" value="false" type="bool"/>
            <Option name="Value" value="naam" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="initiatief_id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="budget_gemeente" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="Max" value="1e+07" type="double"/>
            <Option name="Min" value="0" type="double"/>
            <Option name="Precision" value="2" type="int"/>
            <Option name="Step" value="100" type="double"/>
            <Option name="Style" value="SpinBox" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gepubliceerd" configurationFlags="None">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option name="CheckedState" value="" type="QString"/>
            <Option name="TextDisplayMethod" value="0" type="int"/>
            <Option name="UncheckedState" value="" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buurtcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gemeentecode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd HH:mm" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd HH:mm" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd HH:mm" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd HH:mm" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" index="0" field="id"/>
    <alias name="Titel" index="1" field="titel"/>
    <alias name="Omschrijving" index="2" field="omschrijving"/>
    <alias name="Jaar" index="3" field="jaar"/>
    <alias name="Thema" index="4" field="thema"/>
    <alias name="Status" index="5" field="status"/>
    <alias name="Initiatief (nummer)" index="6" field="initiatief_id"/>
    <alias name="Budget gemeente (EUR)" index="7" field="budget_gemeente"/>
    <alias name="Publiceren op de virtuele stad" index="8" field="gepubliceerd"/>
    <alias name="Buurt (afgeleid)" index="9" field="buurtcode"/>
    <alias name="Wijk (afgeleid)" index="10" field="wijkcode"/>
    <alias name="Gemeente (afgeleid)" index="11" field="gemeentecode"/>
    <alias name="Aangemaakt door" index="12" field="aangemaakt_door"/>
    <alias name="Aangemaakt op" index="13" field="aangemaakt_op"/>
    <alias name="Gewijzigd door" index="14" field="gewijzigd_door"/>
    <alias name="Gewijzigd op" index="15" field="gewijzigd_op"/>
  </aliases>
  <defaults>
    <default field="id" expression="" applyOnUpdate="0"/>
    <default field="titel" expression="" applyOnUpdate="0"/>
    <default field="omschrijving" expression="" applyOnUpdate="0"/>
    <default field="jaar" expression="year(now())" applyOnUpdate="0"/>
    <default field="thema" expression="" applyOnUpdate="0"/>
    <default field="status" expression="" applyOnUpdate="0"/>
    <default field="initiatief_id" expression="" applyOnUpdate="0"/>
    <default field="budget_gemeente" expression="" applyOnUpdate="0"/>
    <default field="gepubliceerd" expression="" applyOnUpdate="0"/>
    <default field="buurtcode" expression="" applyOnUpdate="0"/>
    <default field="wijkcode" expression="" applyOnUpdate="0"/>
    <default field="gemeentecode" expression="" applyOnUpdate="0"/>
    <default field="aangemaakt_door" expression="" applyOnUpdate="0"/>
    <default field="aangemaakt_op" expression="" applyOnUpdate="0"/>
    <default field="gewijzigd_door" expression="" applyOnUpdate="0"/>
    <default field="gewijzigd_op" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint exp_strength="0" field="id" constraints="3" unique_strength="1" notnull_strength="1"/>
    <constraint exp_strength="1" field="titel" constraints="5" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="1" field="omschrijving" constraints="4" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="1" field="jaar" constraints="5" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="thema" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="status" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="initiatief_id" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="1" field="budget_gemeente" constraints="5" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="gepubliceerd" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="buurtcode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="wijkcode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gemeentecode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="aangemaakt_door" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="aangemaakt_op" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gewijzigd_door" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gewijzigd_op" constraints="0" unique_strength="0" notnull_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="id" exp="" desc=""/>
    <constraint field="titel" exp="length(trim(&quot;titel&quot;)) > 0" desc="Geef een titel."/>
    <constraint field="omschrijving" exp="true" desc="Beschrijf de afspraak."/>
    <constraint field="jaar" exp="&quot;jaar&quot; BETWEEN 2000 AND 2100" desc="Het jaar ligt tussen 2000 en 2100."/>
    <constraint field="thema" exp="" desc=""/>
    <constraint field="status" exp="" desc=""/>
    <constraint field="initiatief_id" exp="" desc=""/>
    <constraint field="budget_gemeente" exp="&quot;budget_gemeente&quot; >= 0" desc="Het budget is niet negatief."/>
    <constraint field="gepubliceerd" exp="" desc=""/>
    <constraint field="buurtcode" exp="" desc=""/>
    <constraint field="wijkcode" exp="" desc=""/>
    <constraint field="gemeentecode" exp="" desc=""/>
    <constraint field="aangemaakt_door" exp="" desc=""/>
    <constraint field="aangemaakt_op" exp="" desc=""/>
    <constraint field="gewijzigd_door" exp="" desc=""/>
    <constraint field="gewijzigd_op" exp="" desc=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" sortExpression="" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>tablayout</editorlayout>
  <attributeEditorForm>
    <attributeEditorContainer name="Buurtdeal" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="id" index="0" showLabel="1"/>
      <attributeEditorField name="titel" index="1" showLabel="1"/>
      <attributeEditorField name="omschrijving" index="2" showLabel="1"/>
      <attributeEditorField name="jaar" index="3" showLabel="1"/>
      <attributeEditorField name="thema" index="4" showLabel="1"/>
      <attributeEditorField name="status" index="5" showLabel="1"/>
      <attributeEditorField name="initiatief_id" index="6" showLabel="1"/>
      <attributeEditorField name="budget_gemeente" index="7" showLabel="1"/>
      <attributeEditorField name="gepubliceerd" index="8" showLabel="1"/>
    </attributeEditorContainer>
    <attributeEditorContainer name="Afspraken (wederkerigheid)" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorRelation name="afspraak_buurtdeal_vlak" relationWidgetTypeId="" relation="afspraak_buurtdeal_vlak" label="" forceSuppressFormPopup="0" nmRelationId="" showLabel="1">
        <editor_configuration/>
      </attributeEditorRelation>
    </attributeEditorContainer>
    <attributeEditorContainer name="Afgeleid (door de database)" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="buurtcode" index="9" showLabel="1"/>
      <attributeEditorField name="wijkcode" index="10" showLabel="1"/>
      <attributeEditorField name="gemeentecode" index="11" showLabel="1"/>
      <attributeEditorField name="aangemaakt_door" index="12" showLabel="1"/>
      <attributeEditorField name="aangemaakt_op" index="13" showLabel="1"/>
      <attributeEditorField name="gewijzigd_door" index="14" showLabel="1"/>
      <attributeEditorField name="gewijzigd_op" index="15" showLabel="1"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field name="aangemaakt_door" editable="0"/>
    <field name="aangemaakt_op" editable="0"/>
    <field name="buurtcode" editable="0"/>
    <field name="gemeentecode" editable="0"/>
    <field name="gewijzigd_door" editable="0"/>
    <field name="gewijzigd_op" editable="0"/>
    <field name="id" editable="0"/>
    <field name="wijkcode" editable="0"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>2</layerGeometryType>
</qgis>
